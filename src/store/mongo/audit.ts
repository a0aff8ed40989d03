import { setTimeout as sleep } from 'node:timers/promises';
import { Schema, type Connection, type Model, type QueryFilter } from 'mongoose';
import type { AuditDetails, AuditEvent, AuditEventInput, AuditFilter, AuditRepository } from '../audit';
import { chainAuditEvent } from '../audit-chain';
import { newId } from '../ids';
import type { Page } from '../users';
import { isDuplicateKeyError } from './duplicate-key';

interface AuditEventDoc extends AuditEvent {
  _id: string;
}

type AuditEventModel = Model<AuditEventDoc>;

const MAX_APPEND_TRIES = 50;
const DEFAULT_BATCH_SIZE = 500;

const auditEventSchema = new Schema<AuditEventDoc>(
  {
    _id: String,
    seq: Number,
    at: Date,
    actorId: { type: String, default: null },
    ip: String,
    userAgent: String,
    action: String,
    targetId: { type: String, default: null },
    outcome: String,
    channel: { type: String, default: null },
    details: Schema.Types.Mixed,
    prevHash: String,
    hash: String,
  },
  // minimize: false keeps `details: {}`, which is part of the hashed content.
  { versionKey: false, minimize: false },
);
// Unique seq and prevHash are what make a lost append race fail instead of forking the chain.
auditEventSchema.index({ seq: 1 }, { unique: true });
auditEventSchema.index({ prevHash: 1 }, { unique: true });
auditEventSchema.index({ hash: 1 }, { unique: true });
auditEventSchema.index({ at: 1 });
auditEventSchema.index({ actorId: 1, seq: -1 });
auditEventSchema.index({ targetId: 1, seq: -1 });
auditEventSchema.index({ action: 1, seq: -1 });
// Only admin resets carry a ticket reference: the partial index leaves every other event out of it.
auditEventSchema.index(
  { 'details.ticketRef': 1, seq: -1 },
  { partialFilterExpression: { 'details.ticketRef': { $type: 'string' } } },
);

export function defineAuditEventModel(connection: Connection): AuditEventModel {
  return connection.model<AuditEventDoc>('AuditEvent', auditEventSchema, 'auditevents');
}

function toEvent(doc: AuditEventDoc): AuditEvent {
  return {
    seq: doc.seq,
    at: doc.at,
    actorId: doc.actorId ?? null,
    ip: doc.ip,
    userAgent: doc.userAgent,
    action: doc.action,
    targetId: doc.targetId ?? null,
    outcome: doc.outcome,
    channel: doc.channel ?? null,
    details: { ...((doc.details ?? {}) as AuditDetails) },
    prevHash: doc.prevHash,
    hash: doc.hash,
  };
}

/**
 * Optimistic append: chain onto the last event and insert; if another instance took that seq first,
 * the unique index refuses the insert and we chain onto the new last event instead.
 */
async function appendWithRetry(events: AuditEventModel, input: AuditEventInput): Promise<AuditEvent> {
  for (let attempt = 1; ; attempt++) {
    const last = await events.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean();
    const event = chainAuditEvent(input, last);
    try {
      await events.create({ _id: newId(), ...event, details: { ...event.details } });
      return event;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      if (attempt >= MAX_APPEND_TRIES) {
        throw new Error(`audit append lost the race for the next seq ${attempt} times`, { cause: error });
      }
    }
    await sleep(Math.random() * Math.min(2 ** attempt, 50));
  }
}

function toQuery(filter: AuditFilter): QueryFilter<AuditEventDoc> {
  const query: QueryFilter<AuditEventDoc> = {};
  if (filter.actorId) query.actorId = filter.actorId;
  if (filter.targetId) query.targetId = filter.targetId;
  if (filter.action && filter.actions) query.action = { $eq: filter.action, $in: [...filter.actions] };
  else if (filter.action) query.action = filter.action;
  else if (filter.actions) query.action = { $in: [...filter.actions] };
  // $type repeats the partial index's filter, which a query must contain for MongoDB to use that index.
  if (filter.ticketRef) query['details.ticketRef'] = { $eq: filter.ticketRef, $type: 'string' };
  if (filter.from || filter.to) {
    query.at = { ...(filter.from && { $gte: filter.from }), ...(filter.to && { $lte: filter.to }) };
  }
  return query;
}

async function listEvents(events: AuditEventModel, filter: AuditFilter, page: number, pageSize: number) {
  const query = toQuery(filter);
  const [docs, total] = await Promise.all([
    events
      .find(query)
      .sort({ seq: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean(),
    events.countDocuments(query),
  ]);
  return { items: docs.map(toEvent), total } satisfies Page<AuditEvent>;
}

async function* iterateEvents(events: AuditEventModel, batchSize: number): AsyncGenerator<AuditEvent> {
  let lastSeq = 0;
  for (;;) {
    const docs = await events
      .find({ seq: { $gt: lastSeq } })
      .sort({ seq: 1 })
      .limit(batchSize)
      .lean();
    for (const doc of docs) yield toEvent(doc);
    if (docs.length < batchSize) return;
    lastSeq = docs[docs.length - 1]!.seq;
  }
}

export function createAuditRepository(events: AuditEventModel): AuditRepository {
  // Appends from this instance queue up locally, so the optimistic retries only contend with other instances.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    append: (input) => {
      const appended = tail.then(() => appendWithRetry(events, input));
      tail = appended.catch(() => undefined);
      return appended;
    },
    list: (filter, page, pageSize) => listEvents(events, filter, page, pageSize),
    iterate: (batchSize = DEFAULT_BATCH_SIZE) => iterateEvents(events, batchSize),
  };
}
