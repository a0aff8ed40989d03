import type { Database } from 'better-sqlite3';
import type { IdempotencyKeyRepository, IdempotencyRecord } from '../idempotency-keys';
import { toDate } from './columns';

interface IdempotencyRow {
  key: string;
  request_hash: string;
  status: number | null;
  body: string | null;
  created_at: number;
  expires_at: number;
}

function toRecord(row: IdempotencyRow): IdempotencyRecord {
  return {
    key: row.key,
    requestHash: row.request_hash,
    status: row.status,
    body: row.body,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
  };
}

export function createIdempotencyKeyRepository(db: Database): IdempotencyKeyRepository {
  // One statement: a new key inserts; an expired one is taken over; a live one changes nothing.
  const claim = db.prepare<{ key: string; requestHash: string; now: number; expiresAt: number }>(`
    INSERT INTO idempotency_keys (key, request_hash, status, body, created_at, expires_at)
    VALUES (@key, @requestHash, NULL, NULL, @now, @expiresAt)
    ON CONFLICT (key) DO UPDATE SET
      request_hash = excluded.request_hash, status = NULL, body = NULL,
      created_at = excluded.created_at, expires_at = excluded.expires_at
    WHERE idempotency_keys.expires_at <= @now`);
  const find = db.prepare<[string], IdempotencyRow>('SELECT * FROM idempotency_keys WHERE key = ?');
  const complete = db.prepare<{ key: string; status: number; body: string }>(
    'UPDATE idempotency_keys SET status = @status, body = @body WHERE key = @key',
  );
  const release = db.prepare<[string]>('DELETE FROM idempotency_keys WHERE key = ? AND status IS NULL');
  const purge = db.prepare<[number]>('DELETE FROM idempotency_keys WHERE expires_at < ?');

  return {
    async claim(key, requestHash, now, expiresAt) {
      const params = { key, requestHash, now: now.getTime(), expiresAt: expiresAt.getTime() };
      if (claim.run(params).changes === 1) return { claimed: true };
      return { claimed: false, record: toRecord(find.get(key)!) };
    },
    async complete(key, status, body) {
      complete.run({ key, status, body });
    },
    async release(key) {
      release.run(key);
    },
    async purgeExpired(now) {
      return purge.run(now.getTime()).changes;
    },
  };
}
