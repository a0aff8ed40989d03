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
  useful_until: number;
  user_id: string | null;
}

interface BacklogRow {
  queued: number;
  retrying: number;
  oldest_retrying: number | null;
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
    usefulUntil: toDate(row.useful_until),
    userId: row.user_id,
  };
}

export function createOutboxRepository(db: Database): OutboxRepository {
  const insert = db.prepare<
    {
      id: string;
      channel: string;
      payload: string;
      now: number;
      usefulUntil: number;
      userId: string | null;
    },
    OutboxRow
  >(`
    INSERT INTO outbox (id, channel, payload, status, next_attempt_at, created_at, useful_until, user_id)
    VALUES (@id, @channel, @payload, 'queued', @now, @now, @usefulUntil, @userId) RETURNING *`);
  // A single UPDATE … RETURNING: SQLite serialises writers, so two claimers never get the same row.
  const claim = db.prepare<{ now: number; leaseUntil: number; limit: number }, OutboxRow>(`
    UPDATE outbox SET lease_until = @leaseUntil, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE status = 'queued' AND next_attempt_at <= @now AND useful_until > @now
        AND (lease_until IS NULL OR lease_until <= @now)
      ORDER BY next_attempt_at LIMIT @limit)
    RETURNING *`);
  const findExpired = db.prepare<{ now: number; limit: number }, OutboxRow>(`
    SELECT * FROM outbox
    WHERE status = 'queued' AND useful_until <= @now AND (lease_until IS NULL OR lease_until <= @now)
    ORDER BY useful_until LIMIT @limit`);
  const markExpired = db.prepare<{ id: string; now: number }>(
    `UPDATE outbox SET status = 'expired', payload = NULL, lease_until = NULL, finished_at = @now
     WHERE id = @id`,
  );
  // The rows are read before the update purges their payloads; IMMEDIATE holds the write lock from
  // the read on, so no other process can claim or expire them in between.
  const expire = db.transaction((now: number, limit: number) => {
    const rows = findExpired.all({ now, limit });
    for (const row of rows) markExpired.run({ id: row.id, now });
    return rows;
  });
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
  const backlog = db.prepare<[], BacklogRow>(`
    SELECT COUNT(*) AS queued, COUNT(last_error) AS retrying,
      MIN(CASE WHEN last_error IS NOT NULL THEN created_at END) AS oldest_retrying
    FROM outbox WHERE status = 'queued'`);
  const depthByChannel = db.prepare<[], { channel: string; queued: number; oldest: number }>(`
    SELECT channel, COUNT(*) AS queued, MIN(created_at) AS oldest
    FROM outbox WHERE status = 'queued' GROUP BY channel ORDER BY channel`);
  const purgeFinished = db.prepare(
    "DELETE FROM outbox WHERE status IN ('sent', 'failed', 'expired') AND finished_at < ?",
  );

  return {
    async enqueue(draft, now) {
      const row = insert.get({
        id: newId(),
        channel: draft.channel,
        payload: draft.payload,
        now: now.getTime(),
        usefulUntil: draft.usefulUntil.getTime(),
        userId: draft.userId,
      });
      return toItem(row!);
    },
    async claimDue(now, limit, leaseMs) {
      return claim
        .all({ now: now.getTime(), leaseUntil: now.getTime() + leaseMs, limit })
        .map(toItem)
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
    },
    async expireDue(now, limit) {
      return expire.immediate(now.getTime(), limit).map(toItem);
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
    async backlog() {
      const row = backlog.get()!;
      return {
        queued: row.queued,
        retrying: row.retrying,
        oldestRetryingSince: toDate(row.oldest_retrying),
      };
    },
    async depthByChannel() {
      return depthByChannel.all().map((row) => ({
        channel: row.channel as OutboxChannel,
        queued: row.queued,
        oldestQueuedAt: toDate(row.oldest),
      }));
    },
    async purgeFinished(cutoff) {
      return purgeFinished.run(cutoff.getTime()).changes;
    },
  };
}
