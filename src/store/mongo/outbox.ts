import { Schema, type Connection, type Model } from 'mongoose';
import { newId } from '../ids';
import type {
  OutboxBacklog,
  OutboxChannel,
  OutboxDraft,
  OutboxItem,
  OutboxRepository,
  OutboxStatus,
} from '../outbox';

interface OutboxDoc {
  _id: string;
  channel: OutboxChannel;
  payload: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  usefulUntil: Date;
  userId: string | null;
  /** When the item was sent, given up on or expired; purgeFinished goes by it. */
  finishedAt: Date | null;
}

type OutboxModel = Model<OutboxDoc>;

const outboxSchema = new Schema<OutboxDoc>(
  {
    _id: String,
    channel: String,
    payload: { type: String, default: null },
    status: String,
    attempts: Number,
    nextAttemptAt: Date,
    leaseUntil: { type: Date, default: null },
    lastError: { type: String, default: null },
    createdAt: Date,
    sentAt: { type: Date, default: null },
    usefulUntil: Date,
    userId: { type: String, default: null },
    finishedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
outboxSchema.index({ status: 1, nextAttemptAt: 1, createdAt: 1 });
outboxSchema.index({ finishedAt: 1 });

export function defineOutboxModel(connection: Connection): OutboxModel {
  return connection.model<OutboxDoc>('OutboxItem', outboxSchema, 'outboxitems');
}

function toItem(doc: OutboxDoc): OutboxItem {
  return {
    id: doc._id,
    channel: doc.channel,
    payload: doc.payload ?? null,
    status: doc.status,
    attempts: doc.attempts,
    nextAttemptAt: doc.nextAttemptAt,
    leaseUntil: doc.leaseUntil ?? null,
    lastError: doc.lastError ?? null,
    createdAt: doc.createdAt,
    sentAt: doc.sentAt ?? null,
    usefulUntil: doc.usefulUntil,
    userId: doc.userId ?? null,
  };
}

async function enqueue(outbox: OutboxModel, draft: OutboxDraft, now: Date) {
  const { channel, payload, usefulUntil, userId } = draft;
  const item: OutboxItem = {
    id: newId(),
    channel,
    payload,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    lastError: null,
    createdAt: now,
    sentAt: null,
    usefulUntil,
    userId,
  };
  const { id, ...fields } = item;
  await outbox.create({ _id: id, ...fields, finishedAt: null });
  return item;
}

/**
 * One findOneAndUpdate per item: each is atomic, so an item whose lease another instance just took no
 * longer matches the filter here. The ids already taken exclude items even when leaseMs is 0.
 */
async function claimDue(
  outbox: OutboxModel,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<OutboxItem[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed: OutboxItem[] = [];
  while (claimed.length < limit) {
    const doc = await outbox
      .findOneAndUpdate(
        {
          _id: { $nin: claimed.map((item) => item.id) },
          status: 'queued',
          nextAttemptAt: { $lte: now },
          usefulUntil: { $gt: now },
          $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }],
        },
        { $set: { leaseUntil }, $inc: { attempts: 1 } },
        { sort: { nextAttemptAt: 1, createdAt: 1 }, returnDocument: 'after' },
      )
      .lean();
    if (!doc) break;
    claimed.push(toItem(doc));
  }
  return claimed;
}

/**
 * Like claimDue, one atomic findOneAndUpdate per item, but returning the document as it was before
 * the update, so the caller still gets the payload this purges.
 */
async function expireDue(outbox: OutboxModel, now: Date, limit: number): Promise<OutboxItem[]> {
  const expired: OutboxItem[] = [];
  while (expired.length < limit) {
    const doc = await outbox
      .findOneAndUpdate(
        {
          status: 'queued',
          usefulUntil: { $lte: now },
          $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }],
        },
        { $set: { status: 'expired', payload: null, leaseUntil: null, finishedAt: now } },
        { sort: { usefulUntil: 1 }, returnDocument: 'before' },
      )
      .lean();
    if (!doc) break;
    expired.push(toItem(doc));
  }
  return expired;
}

async function backlog(outbox: OutboxModel): Promise<OutboxBacklog> {
  const retrying = { $ne: [{ $ifNull: ['$lastError', null] }, null] };
  const [row] = await outbox.aggregate<OutboxBacklog>([
    { $match: { status: 'queued' } },
    {
      $group: {
        _id: null,
        queued: { $sum: 1 },
        retrying: { $sum: { $cond: [retrying, 1, 0] } },
        // $min skips nulls, so items that never failed do not count.
        oldestRetryingSince: { $min: { $cond: [retrying, '$createdAt', null] } },
      },
    },
  ]);
  return {
    queued: row?.queued ?? 0,
    retrying: row?.retrying ?? 0,
    oldestRetryingSince: row?.oldestRetryingSince ?? null,
  };
}

/**
 * Items queued before usefulUntil existed get the default OUTBOX_MAX_AGE_HOURS (72 h) from their
 * creation, as the SQLite migration does; without it they would never be claimed nor expired.
 */
export async function backfillUsefulUntil(outbox: OutboxModel): Promise<void> {
  await outbox.updateMany(
    { usefulUntil: null },
    [{ $set: { usefulUntil: { $add: ['$createdAt', 72 * 60 * 60_000] } } }],
    { updatePipeline: true },
  );
}

/** Decoy items the old /forgot wrote for names that got no mail; none is written any more. */
export async function deleteDecoys(outbox: OutboxModel): Promise<void> {
  // The native collection: the schema's status type no longer knows the old value.
  await outbox.collection.deleteMany({ status: 'decoy' });
}

async function markFailed(outbox: OutboxModel, id: string, error: string, retryAt: Date | null, now: Date) {
  // Only a queued item changes: a worker whose lease ran out must not revive an item another one finished.
  const changes = retryAt
    ? { nextAttemptAt: retryAt, leaseUntil: null, lastError: error }
    : { status: 'failed', payload: null, leaseUntil: null, lastError: error, finishedAt: now };
  await outbox.updateOne({ _id: id, status: 'queued' }, { $set: changes });
}

export function createOutboxRepository(outbox: OutboxModel): OutboxRepository {
  return {
    enqueue: (draft, now) => enqueue(outbox, draft, now),
    claimDue: (now, limit, leaseMs) => claimDue(outbox, now, limit, leaseMs),
    expireDue: (now, limit) => expireDue(outbox, now, limit),
    markSent: async (id, now) => {
      const changes = {
        status: 'sent',
        payload: null,
        leaseUntil: null,
        lastError: null,
        sentAt: now,
        finishedAt: now,
      };
      await outbox.updateOne({ _id: id }, { $set: changes });
    },
    markFailed: (id, error, retryAt, now) => markFailed(outbox, id, error, retryAt, now),
    findById: async (id) => {
      const doc = await outbox.findById(id).lean();
      return doc ? toItem(doc) : null;
    },
    backlog: () => backlog(outbox),
    depthByChannel: async () => {
      const rows = await outbox.aggregate<{ _id: OutboxChannel; queued: number; oldest: Date }>([
        { $match: { status: 'queued' } },
        { $group: { _id: '$channel', queued: { $sum: 1 }, oldest: { $min: '$createdAt' } } },
        { $sort: { _id: 1 } },
      ]);
      return rows.map((row) => ({ channel: row._id, queued: row.queued, oldestQueuedAt: row.oldest }));
    },
    purgeFinished: async (cutoff) => {
      const finished: OutboxStatus[] = ['sent', 'failed', 'expired'];
      const filter = { status: { $in: finished }, finishedAt: { $lt: cutoff } };
      return (await outbox.deleteMany(filter)).deletedCount;
    },
  };
}
