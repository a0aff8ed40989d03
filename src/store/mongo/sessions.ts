import { Schema, type Connection, type Model, type QueryFilter } from 'mongoose';
import type { SessionRecord, SessionRepository } from '../sessions';

/** The session id is the document id. */
interface SessionDoc {
  _id: string;
  userId: string | null;
  data: string;
  expiresAt: Date;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string;
  userAgent: string;
}

type SessionModel = Model<SessionDoc>;

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: String,
    userId: { type: String, default: null },
    data: String,
    expiresAt: Date,
    createdAt: Date,
    lastSeenAt: Date,
    ip: String,
    userAgent: String,
  },
  { versionKey: false },
);
sessionSchema.index({ userId: 1, lastSeenAt: -1 });
// TTL only tidies up; get() and listByUser() check expiresAt themselves because the TTL monitor lags.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export function defineSessionModel(connection: Connection): SessionModel {
  return connection.model<SessionDoc>('Session', sessionSchema, 'sessions');
}

function toSession(doc: SessionDoc): SessionRecord {
  return {
    sid: doc._id,
    userId: doc.userId ?? null,
    data: doc.data,
    expiresAt: doc.expiresAt,
    createdAt: doc.createdAt,
    lastSeenAt: doc.lastSeenAt,
    ip: doc.ip,
    userAgent: doc.userAgent,
  };
}

async function saveSession(sessions: SessionModel, record: SessionRecord): Promise<void> {
  const { sid, createdAt, ...fields } = record;
  await sessions.updateOne(
    { _id: sid },
    { $set: fields, $setOnInsert: { createdAt } },
    { upsert: true, setDefaultsOnInsert: false },
  );
}

async function deleteByUser(sessions: SessionModel, userId: string, keepSid?: string): Promise<number> {
  const filter: QueryFilter<SessionDoc> = { userId };
  if (keepSid !== undefined) filter._id = { $ne: keepSid };
  return (await sessions.deleteMany(filter)).deletedCount;
}

export function createSessionRepository(sessions: SessionModel): SessionRepository {
  return {
    get: async (sid, now) => {
      const doc = await sessions.findOne({ _id: sid, expiresAt: { $gt: now } }).lean();
      return doc ? toSession(doc) : null;
    },
    set: (record) => saveSession(sessions, record),
    touch: async (sid, expiresAt, lastSeenAt, seenBefore) => {
      await sessions.updateOne(
        { _id: sid, lastSeenAt: { $lte: seenBefore } },
        { $set: { expiresAt, lastSeenAt } },
      );
    },
    destroy: async (sid) => {
      await sessions.deleteOne({ _id: sid });
    },
    listByUser: async (userId, now) =>
      (
        await sessions
          .find({ userId, expiresAt: { $gt: now } })
          .sort({ lastSeenAt: -1, _id: 1 })
          .lean()
      ).map(toSession),
    deleteByUser: (userId, keepSid) => deleteByUser(sessions, userId, keepSid),
    purgeExpired: async (now) => (await sessions.deleteMany({ expiresAt: { $lte: now } })).deletedCount,
  };
}
