import { Schema, type Connection, type Model, type QueryFilter } from 'mongoose';
import { newId } from '../ids';
import type { NewResetRequest, ResetPurpose, ResetRequest, ResetRequestRepository } from '../reset-requests';

interface ResetRequestDoc {
  _id: string;
  userId: string;
  tokenHash: string;
  codeHash: string;
  purpose: ResetPurpose;
  requestedBy: string | null;
  ip: string;
  userAgent: string;
  outboxId: string | null;
  createdAt: Date;
  expiresAt: Date;
  failedAttempts: number;
  maxAttempts: number;
  consumingUntil: Date | null;
  consumedAt: Date | null;
  voidedAt: Date | null;
}

type ResetRequestModel = Model<ResetRequestDoc>;

/** Long enough for admins to see a user's recent requests; expiry itself is decided by the queries. */
const KEEP_AFTER_EXPIRY_SECONDS = 7 * 24 * 60 * 60;

const resetRequestSchema = new Schema<ResetRequestDoc>(
  {
    _id: String,
    userId: String,
    tokenHash: String,
    codeHash: String,
    purpose: String,
    requestedBy: { type: String, default: null },
    ip: String,
    userAgent: String,
    outboxId: { type: String, default: null },
    createdAt: Date,
    expiresAt: Date,
    failedAttempts: Number,
    maxAttempts: Number,
    consumingUntil: { type: Date, default: null },
    consumedAt: { type: Date, default: null },
    voidedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
resetRequestSchema.index({ tokenHash: 1 }, { unique: true });
resetRequestSchema.index({ userId: 1, createdAt: -1 });
resetRequestSchema.index({ expiresAt: 1 }, { expireAfterSeconds: KEEP_AFTER_EXPIRY_SECONDS });

export function defineResetRequestModel(connection: Connection): ResetRequestModel {
  return connection.model<ResetRequestDoc>('ResetRequest', resetRequestSchema, 'resetrequests');
}

/** Requests the old /forgot stored under a stand-in id for names that got no mail; none is written any more. */
export async function deleteDecoyRequests(requests: ResetRequestModel): Promise<void> {
  await requests.deleteMany({ userId: /^decoy:/ });
}

function toResetRequest(doc: ResetRequestDoc): ResetRequest {
  return {
    id: doc._id,
    userId: doc.userId,
    tokenHash: doc.tokenHash,
    codeHash: doc.codeHash,
    purpose: doc.purpose,
    requestedBy: doc.requestedBy ?? null,
    ip: doc.ip,
    userAgent: doc.userAgent,
    outboxId: doc.outboxId ?? null,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    failedAttempts: doc.failedAttempts,
    maxAttempts: doc.maxAttempts,
    consumingUntil: doc.consumingUntil ?? null,
    consumedAt: doc.consumedAt ?? null,
    voidedAt: doc.voidedAt ?? null,
  };
}

function toResetRequestOrNull(doc: ResetRequestDoc | null): ResetRequest | null {
  return doc ? toResetRequest(doc) : null;
}

/** Not consumed, not voided, not expired, attempts left; voiding ignores claims (see the port). */
function unfinished(now: Date): QueryFilter<ResetRequestDoc> {
  return {
    consumedAt: null,
    voidedAt: null,
    expiresAt: { $gt: now },
    $expr: { $lt: ['$failedAttempts', '$maxAttempts'] },
  };
}

/**
 * Unfinished and not held by a running claim; every single-use check filters on it. A claim whose lease
 * ran out (its holder died before writing the password) no longer holds the request. `null` also
 * matches documents written before the field existed.
 */
function open(now: Date): QueryFilter<ResetRequestDoc> {
  return { ...unfinished(now), $or: [{ consumingUntil: null }, { consumingUntil: { $lte: now } }] };
}

async function voidUnfinishedRequests(
  requests: ResetRequestModel,
  userId: string,
  now: Date,
): Promise<number> {
  const result = await requests.updateMany({ userId, ...unfinished(now) }, { $set: { voidedAt: now } });
  return result.modifiedCount;
}

/** Before or after `request` in newest-first order: createdAt, then the time-ordered id. */
function olderThan(request: ResetRequest): QueryFilter<ResetRequestDoc> {
  const createdAt = request.createdAt;
  return { $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: request.id } }] };
}

function newerThan(request: ResetRequest): QueryFilter<ResetRequestDoc> {
  const createdAt = request.createdAt;
  return { $or: [{ createdAt: { $gt: createdAt } }, { createdAt, _id: { $gt: request.id } }] };
}

function newRequest(input: NewResetRequest, now: Date): ResetRequest {
  return {
    id: newId(),
    userId: input.userId,
    tokenHash: input.tokenHash,
    codeHash: input.codeHash,
    purpose: input.purpose,
    requestedBy: input.requestedBy,
    ip: input.ip,
    userAgent: input.userAgent,
    outboxId: input.outboxId,
    createdAt: now,
    expiresAt: input.expiresAt,
    failedAttempts: 0,
    maxAttempts: input.maxAttempts,
    consumingUntil: null,
    consumedAt: null,
    voidedAt: null,
  };
}

/**
 * At most one unfinished request per user without a transaction: insert first, then void the user's
 * older unfinished requests, and this one too if a newer one is already there. Of two racing creates,
 * the one inserted second sees the other in one of these checks and voids the older of the two, so only
 * the newest stays. Both checks ignore claims, as voiding does: a newer request skipped while claimed
 * would be open beside this one again if its claimant died. Unlike SQLite's transaction, where the last
 * create to commit wins, a create that finds a newer request gives way to it; the two agree as long as
 * creates for one user get later and later times.
 */
async function createRequest(requests: ResetRequestModel, input: NewResetRequest, now: Date) {
  const request = newRequest(input, now);
  const { id, ...fields } = request;
  await requests.create({ _id: id, ...fields });
  const usersUnfinished = { userId: request.userId, ...unfinished(now) };
  const [, newer] = await Promise.all([
    requests.updateMany({ ...usersUnfinished, ...olderThan(request) }, { $set: { voidedAt: now } }),
    requests.exists({ ...usersUnfinished, ...newerThan(request) }),
  ]);
  if (!newer) return request;
  await requests.updateOne({ _id: id, ...unfinished(now) }, { $set: { voidedAt: now } });
  return toResetRequest((await requests.findById(id).lean())!);
}

async function recordFailedAttempt(
  requests: ResetRequestModel,
  id: string,
  now: Date,
): Promise<number | null> {
  // The open filter and the increment are one findAndModify: N racing calls record exactly min(N, left).
  const doc = await requests
    .findOneAndUpdate(
      { _id: id, ...open(now) },
      { $inc: { failedAttempts: 1 } },
      { returnDocument: 'after', projection: { failedAttempts: 1, maxAttempts: 1 } },
    )
    .lean();
  return doc ? doc.maxAttempts - doc.failedAttempts : null;
}

export function createResetRequestRepository(requests: ResetRequestModel): ResetRequestRepository {
  const newestFirst = { createdAt: -1, _id: -1 } as const;
  return {
    create: (request, now) => createRequest(requests, request, now),
    findOpenByTokenHash: async (tokenHash, now) =>
      toResetRequestOrNull(await requests.findOne({ tokenHash, ...open(now) }).lean()),
    findOpenCodeByUser: async (userId, now) => {
      const doc = await requests
        .findOne({ userId, ...open(now) }, { tokenHash: 1, codeHash: 1 })
        .sort(newestFirst)
        .lean();
      return doc ? { id: doc._id, tokenHash: doc.tokenHash, codeHash: doc.codeHash } : null;
    },
    recordFailedAttempt: (id, now) => recordFailedAttempt(requests, id, now),
    // One conditional update on one document: of racing claims exactly one matches the open filter.
    claim: async (id, now, leaseUntil) => {
      const result = await requests.updateOne(
        { _id: id, ...open(now) },
        { $set: { consumingUntil: leaseUntil } },
      );
      return result.modifiedCount === 1;
    },
    markConsumed: async (id, now) => {
      await requests.updateOne({ _id: id, consumedAt: null }, { $set: { consumedAt: now } });
    },
    voidAllForUser: (userId, now) => voidUnfinishedRequests(requests, userId, now),
    listRecentForUser: async (userId, limit) =>
      (await requests.find({ userId }).sort(newestFirst).limit(limit).lean()).map(toResetRequest),
    purgeExpired: async (cutoff) => (await requests.deleteMany({ expiresAt: { $lt: cutoff } })).deletedCount,
  };
}
