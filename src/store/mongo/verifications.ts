import { Schema, type Connection, type Model, type QueryFilter } from 'mongoose';
import { buildCodeVerification, buildInPersonVerification } from '../verification-records';
import type { CallerVerification, VerificationRepository } from '../verifications';

interface VerificationDoc extends Omit<CallerVerification, 'id'> {
  _id: string;
}

type VerificationModel = Model<VerificationDoc>;

/** A verification ends within minutes; a month keeps its history on the user page. Expiry is the queries' job. */
const KEEP_AFTER_CREATION_SECONDS = 30 * 24 * 60 * 60;

const verificationSchema = new Schema<VerificationDoc>(
  {
    _id: String,
    targetId: String,
    agentId: String,
    channel: String,
    codeHash: { type: String, default: null },
    note: { type: String, default: null },
    ticketRef: { type: String, default: null },
    outboxId: { type: String, default: null },
    createdAt: Date,
    codeExpiresAt: { type: Date, default: null },
    failedAttempts: Number,
    maxAttempts: Number,
    verifiedAt: { type: Date, default: null },
    validUntil: { type: Date, default: null },
    spentAt: { type: Date, default: null },
    voidedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
verificationSchema.index({ targetId: 1, createdAt: -1, _id: -1 });
verificationSchema.index({ createdAt: 1 }, { expireAfterSeconds: KEEP_AFTER_CREATION_SECONDS });

export function defineVerificationModel(connection: Connection): VerificationModel {
  return connection.model<VerificationDoc>('CallerVerification', verificationSchema, 'callerverifications');
}

function toVerification(doc: VerificationDoc): CallerVerification {
  return {
    id: doc._id,
    targetId: doc.targetId,
    agentId: doc.agentId,
    channel: doc.channel,
    codeHash: doc.codeHash ?? null,
    note: doc.note ?? null,
    ticketRef: doc.ticketRef ?? null,
    outboxId: doc.outboxId ?? null,
    createdAt: doc.createdAt,
    codeExpiresAt: doc.codeExpiresAt ?? null,
    failedAttempts: doc.failedAttempts,
    maxAttempts: doc.maxAttempts,
    verifiedAt: doc.verifiedAt ?? null,
    validUntil: doc.validUntil ?? null,
    spentAt: doc.spentAt ?? null,
    voidedAt: doc.voidedAt ?? null,
  };
}

function toVerificationOrNull(doc: VerificationDoc | null): CallerVerification | null {
  return doc ? toVerification(doc) : null;
}

// A spent verification was verified first, so pending needs no spentAt test; validUntil is set only on
// verification, so valid needs no verifiedAt test.
function pending(now: Date): QueryFilter<VerificationDoc> {
  return {
    voidedAt: null,
    verifiedAt: null,
    codeExpiresAt: { $gt: now },
    $expr: { $lt: ['$failedAttempts', '$maxAttempts'] },
  };
}

function valid(now: Date): QueryFilter<VerificationDoc> {
  return { voidedAt: null, spentAt: null, validUntil: { $gt: now } };
}

function live(now: Date): QueryFilter<VerificationDoc> {
  return { $or: [pending(now), valid(now)] };
}

/** Before or after `verification` in listing order: createdAt, then id. */
function earlierThan(verification: CallerVerification): QueryFilter<VerificationDoc> {
  const { createdAt, id } = verification;
  return { $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: id } }] };
}

function laterThan(verification: CallerVerification): QueryFilter<VerificationDoc> {
  const { createdAt, id } = verification;
  return { $or: [{ createdAt: { $gt: createdAt } }, { createdAt, _id: { $gt: id } }] };
}

/**
 * One live verification per target without a transaction: insert first, then void the target's earlier
 * live ones, and this one too if a later live one is already there. Of two racing creates, the one
 * inserted second sees the other in one of these checks, so only the later of the two stays live.
 */
async function insertAsLatest(
  verifications: VerificationModel,
  verification: CallerVerification,
  now: Date,
): Promise<CallerVerification> {
  const { id, ...fields } = verification;
  await verifications.create({ _id: id, ...fields });
  const targetId = verification.targetId;
  const [, later] = await Promise.all([
    verifications.updateMany(
      { targetId, $and: [live(now), earlierThan(verification)] },
      { $set: { voidedAt: now } },
    ),
    verifications.exists({ targetId, $and: [live(now), laterThan(verification)] }),
  ]);
  if (!later) return verification;
  await verifications.updateOne({ _id: id, ...live(now) }, { $set: { voidedAt: now } });
  return toVerification((await verifications.findById(id).lean())!);
}

async function recordFailedAttempt(
  verifications: VerificationModel,
  id: string,
  now: Date,
): Promise<number | null> {
  // The pending filter and the increment are one findAndModify: N racing calls record exactly min(N, left).
  const doc = await verifications
    .findOneAndUpdate(
      { _id: id, ...pending(now) },
      { $inc: { failedAttempts: 1 } },
      { returnDocument: 'after', projection: { failedAttempts: 1, maxAttempts: 1 } },
    )
    .lean();
  return doc ? doc.maxAttempts - doc.failedAttempts : null;
}

/** Whatever ended before the cutoff was created before it, which lets the createdAt index narrow the scan. */
function endedBefore(cutoff: Date): QueryFilter<VerificationDoc> {
  return {
    createdAt: { $lt: cutoff },
    $or: [
      { voidedAt: { $lt: cutoff } },
      { spentAt: { $lt: cutoff } },
      { validUntil: { $lt: cutoff } },
      { verifiedAt: null, codeExpiresAt: { $lt: cutoff } },
    ],
  };
}

export function createVerificationRepository(verifications: VerificationModel): VerificationRepository {
  const newestFirst = { createdAt: -1, _id: -1 } as const;
  const latest = async (filter: QueryFilter<VerificationDoc>) =>
    toVerificationOrNull(await verifications.findOne(filter).sort(newestFirst).lean());
  return {
    create: (input, now) => insertAsLatest(verifications, buildCodeVerification(input, now), now),
    createInPerson: (input, now) => insertAsLatest(verifications, buildInPersonVerification(input, now), now),
    findPending: (targetId, agentId, now) => latest({ targetId, agentId, ...pending(now) }),
    recordFailedAttempt: (id, now) => recordFailedAttempt(verifications, id, now),
    // One conditional update on one document: of racing confirms exactly one matches the pending filter.
    confirm: async (id, now, validUntil) =>
      toVerificationOrNull(
        await verifications
          .findOneAndUpdate(
            { _id: id, ...pending(now) },
            { $set: { verifiedAt: now, validUntil } },
            { returnDocument: 'after' },
          )
          .lean(),
      ),
    findValid: (targetId, agentId, now) => latest({ targetId, agentId, ...valid(now) }),
    spend: async (id, now) => {
      const result = await verifications.updateOne({ _id: id, ...valid(now) }, { $set: { spentAt: now } });
      return result.modifiedCount === 1;
    },
    voidAllForUser: async (userId, now) => {
      const result = await verifications.updateMany(
        { targetId: userId, ...live(now) },
        { $set: { voidedAt: now } },
      );
      return result.modifiedCount;
    },
    listRecentForUser: async (userId, limit) =>
      (await verifications.find({ targetId: userId }).sort(newestFirst).limit(limit).lean()).map(
        toVerification,
      ),
    purgeEnded: async (cutoff) => (await verifications.deleteMany(endedBefore(cutoff))).deletedCount,
  };
}
