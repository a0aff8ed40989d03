import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type { OutboxChannel, OutboxItem, OutboxRepository, OutboxStatus } from '../outbox';
import { toDate } from './columns';

interface OutboxRow {
  id: string;
  channel: string;
  payload: string | null;
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

function toItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    channel: row.channel as OutboxChannel,
    payload: row.payload,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    nextAttemptAt: toDate(row.next_attempt_at),
    leaseUntil: toDate(row.lease_until),
    lastError: row.last_error,
    createdAt: toDate(row.created_at),
    sentAt: toDate(row.sent_at),
  };
}

export function createOutboxRepository(db: Database): OutboxRepository {
  const insert = db.prepare<
    {
      id: string;
      channel: string;
      payload: string;
      status: OutboxStatus;
      now: number;
      finishedAt: number | null;
    },
    OutboxRow
  >(`
    INSERT INTO outbox (id, channel, payload, status, next_attempt_at, created_at, finished_at)
    VALUES (@id, @channel, @payload, @status, @now, @now, @finishedAt) RETURNING *`);
  // A single UPDATE … RETURNING: SQLite serialises writers, so two claimers never get the same row.
  const claim = db.prepare<{ now: number; leaseUntil: number; limit: number }, OutboxRow>(`
    UPDATE outbox SET lease_until = @leaseUntil, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE status = 'queued' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
      ORDER BY next_attempt_at LIMIT @limit)
    RETURNING *`);
  const markSent = db.prepare<{ id: string; now: number }>(
    `UPDATE outbox SET status = 'sent', payload = NULL, lease_until = NULL, last_error = NULL,
       sent_at = @now, finished_at = @now WHERE id = @id`,
  );
  const reschedule = db.prepare(
    "UPDATE outbox SET next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ? AND status = 'queued'",
  );
  const markFailed = db.prepare(
    `UPDATE outbox SET status = 'failed', payload = NULL, lease_until = NULL, last_error = ?,
       finished_at = ? WHERE id = ? AND status = 'queued'`,
  );
  const byId = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
  const purgeFinished = db.prepare(
    "DELETE FROM outbox WHERE status IN ('sent', 'failed', 'decoy') AND finished_at < ?",
  );

  return {
    async enqueue(channel, payload, now) {
      const row = insert.get({
        id: newId(),
        channel,
        payload,
        status: 'queued',
        now: now.getTime(),
        finishedAt: null,
      });
      return toItem(row!);
    },
    async enqueueDecoy(channel, payload, now) {
      const at = now.getTime();
      return toItem(insert.get({ id: newId(), channel, payload, status: 'decoy', now: at, finishedAt: at })!);
    },
    async claimDue(now, limit, leaseMs) {
      return claim
        .all({ now: now.getTime(), leaseUntil: now.getTime() + leaseMs, limit })
        .map(toItem)
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
    },
    async markSent(id, now) {
      markSent.run({ id, now: now.getTime() });
    },
    async markFailed(id, error, retryAt, now) {
      if (retryAt) reschedule.run(retryAt.getTime(), error, id);
      else markFailed.run(error, now.getTime(), id);
    },
    async findById(id) {
      const row = byId.get(id);
      return row ? toItem(row) : null;
    },
    async purgeFinished(cutoff) {
      return purgeFinished.run(cutoff.getTime()).changes;
    },
  };
}
