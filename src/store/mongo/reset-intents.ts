import { Schema, type Connection, type Model } from 'mongoose';
import { newId } from '../ids';
import type { ResetIntent, ResetIntentRepository } from '../reset-intents';

interface ResetIntentDoc {
  _id: string;
  sealedUsername: string;
  ip: string;
  userAgent: string;
  createdAt: Date;
  leaseUntil: Date | null;
  attempts: number;
}

type ResetIntentModel = Model<ResetIntentDoc>;

const resetIntentSchema = new Schema<ResetIntentDoc>(
  {
    _id: String,
    sealedUsername: String,
    ip: String,
    userAgent: String,
    createdAt: Date,
    leaseUntil: { type: Date, default: null },
    attempts: { type: Number, default: 0 },
  },
  { versionKey: false },
);
// No TTL: an intent is deleted once resolved, never on a timer.
resetIntentSchema.index({ leaseUntil: 1, _id: 1 });

export function defineResetIntentModel(connection: Connection): ResetIntentModel {
  return connection.model<ResetIntentDoc>('ResetIntent', resetIntentSchema, 'resetintents');
}

function toIntent(doc: ResetIntentDoc): ResetIntent {
  return {
    id: doc._id,
    sealedUsername: doc.sealedUsername,
    ip: doc.ip,
    userAgent: doc.userAgent,
    createdAt: doc.createdAt,
    attempts: doc.attempts,
  };
}

/**
 * One findOneAndUpdate per intent, as the outbox claims: each is atomic, so an intent another
 * instance just leased no longer matches the filter. The ids already taken exclude intents even
 * when leaseMs is 0.
 */
async function claim(intents: ResetIntentModel, now: Date, limit: number, leaseMs: number) {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed: ResetIntent[] = [];
  while (claimed.length < limit) {
    const doc = await intents
      .findOneAndUpdate(
        {
          _id: { $nin: claimed.map((intent) => intent.id) },
          $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }],
        },
        { $set: { leaseUntil }, $inc: { attempts: 1 } },
        { sort: { _id: 1 }, returnDocument: 'after' },
      )
      .lean();
    if (!doc) break;
    claimed.push(toIntent(doc));
  }
  return claimed;
}

export function createResetIntentRepository(intents: ResetIntentModel): ResetIntentRepository {
  return {
    async add(intent, now) {
      const id = newId();
      await intents.create({ _id: id, ...intent, createdAt: now, leaseUntil: null, attempts: 0 });
      return id;
    },
    claim: (now, limit, leaseMs) => claim(intents, now, limit, leaseMs),
    async remove(id) {
      await intents.deleteOne({ _id: id });
    },
    count: () => intents.countDocuments(),
  };
}
