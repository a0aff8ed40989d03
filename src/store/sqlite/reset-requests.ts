import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type { NewResetRequest, ResetPurpose, ResetRequest, ResetRequestRepository } from '../reset-requests';
import { toDate } from './columns';

interface ResetRequestRow {
  id: string;
  user_id: string;
  token_hash: string;
  code_hash: string;
  purpose: string;
  requested_by: string | null;
  ip: string;
  user_agent: string;
  outbox_id: string | null;
  created_at: number;
  expires_at: number;
  failed_attempts: number;
  max_attempts: number;
  consuming_until: number | null;
  consumed_at: number | null;
  voided_at: number | null;
}

function toResetRequest(row: ResetRequestRow): ResetRequest {
  return {
    id: row.id,
    userId: row.user_id,
    tokenHash: row.token_hash,
    codeHash: row.code_hash,
    purpose: row.purpose as ResetPurpose,
    requestedBy: row.requested_by,
    ip: row.ip,
    userAgent: row.user_agent,
    outboxId: row.outbox_id,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    failedAttempts: row.failed_attempts,
    maxAttempts: row.max_attempts,
    consumingUntil: toDate(row.consuming_until),
    consumedAt: toDate(row.consumed_at),
    voidedAt: toDate(row.voided_at),
  };
}

/** Voiding filters on this alone: a voided request stays dead even if a claimant never finishes. */
const UNFINISHED =
  'consumed_at IS NULL AND voided_at IS NULL AND expires_at > @now AND failed_attempts < max_attempts';
/** A claim whose lease ran out (its holder died before writing the password) no longer holds the request. */
const OPEN = `${UNFINISHED} AND (consuming_until IS NULL OR consuming_until <= @now)`;
/** created_at comes from the injected clock and ties within a millisecond; time-ordered ids break them. */
const NEWEST_FIRST = 'created_at DESC, id DESC';

export function createResetRequestRepository(db: Database): ResetRequestRepository {
  const voidUnfinished = db.prepare<{ userId: string; now: number }>(
    `UPDATE reset_requests SET voided_at = @now WHERE user_id = @userId AND ${UNFINISHED}`,
  );
  const insert = db.prepare(`
    INSERT INTO reset_requests (id, user_id, token_hash, code_hash, purpose, requested_by, ip, user_agent, outbox_id,
      created_at, expires_at, max_attempts)
    VALUES (@id, @userId, @tokenHash, @codeHash, @purpose, @requestedBy, @ip, @userAgent, @outboxId,
      @now, @expiresAt, @maxAttempts)`);
  const byId = db.prepare<[string], ResetRequestRow>('SELECT * FROM reset_requests WHERE id = ?');
  const openByToken = db.prepare<{ tokenHash: string; now: number }, ResetRequestRow>(
    `SELECT * FROM reset_requests WHERE token_hash = @tokenHash AND ${OPEN}`,
  );
  // One row whether or not the user has a request (its columns null when not), so both cost alike.
  const openCodeByUser = db.prepare<
    { userId: string; now: number },
    { id: string | null; token_hash: string | null; code_hash: string | null }
  >(
    `SELECT open.id, open.token_hash, open.code_hash FROM (SELECT 1) LEFT JOIN (
       SELECT id, token_hash, code_hash FROM reset_requests
       WHERE user_id = @userId AND ${OPEN} ORDER BY ${NEWEST_FIRST} LIMIT 1
     ) AS open`,
  );
  const failAttempt = db.prepare<{ id: string; now: number }, { left: number }>(
    `UPDATE reset_requests SET failed_attempts = failed_attempts + 1 WHERE id = @id AND ${OPEN}
     RETURNING max_attempts - failed_attempts AS left`,
  );
  const claim = db.prepare<{ id: string; now: number; leaseUntil: number }>(
    `UPDATE reset_requests SET consuming_until = @leaseUntil WHERE id = @id AND ${OPEN}`,
  );
  const markConsumed = db.prepare<{ id: string; now: number }>(
    'UPDATE reset_requests SET consumed_at = @now WHERE id = @id AND consumed_at IS NULL',
  );
  const recentForUser = db.prepare<[string, number], ResetRequestRow>(
    `SELECT * FROM reset_requests WHERE user_id = ? ORDER BY ${NEWEST_FIRST} LIMIT ?`,
  );
  const purgeExpired = db.prepare('DELETE FROM reset_requests WHERE expires_at < ?');

  const create = db.transaction((request: NewResetRequest, now: Date): ResetRequest => {
    const id = newId();
    voidUnfinished.run({ userId: request.userId, now: now.getTime() });
    insert.run({ ...request, id, now: now.getTime(), expiresAt: request.expiresAt.getTime() });
    return toResetRequest(byId.get(id)!);
  });

  return {
    async create(request, now) {
      return create.immediate(request, now);
    },
    async findOpenByTokenHash(tokenHash, now) {
      const row = openByToken.get({ tokenHash, now: now.getTime() });
      return row ? toResetRequest(row) : null;
    },
    async findOpenCodeByUser(userId, now) {
      const { id, token_hash, code_hash } = openCodeByUser.get({ userId, now: now.getTime() })!;
      return id === null ? null : { id, tokenHash: token_hash!, codeHash: code_hash! };
    },
    async recordFailedAttempt(id, now) {
      return failAttempt.get({ id, now: now.getTime() })?.left ?? null;
    },
    async claim(id, now, leaseUntil) {
      return claim.run({ id, now: now.getTime(), leaseUntil: leaseUntil.getTime() }).changes === 1;
    },
    async markConsumed(id, now) {
      markConsumed.run({ id, now: now.getTime() });
    },
    async voidAllForUser(userId, now) {
      return voidUnfinished.run({ userId, now: now.getTime() }).changes;
    },
    async listRecentForUser(userId, limit) {
      return recentForUser.all(userId, limit).map(toResetRequest);
    },
    async purgeExpired(cutoff) {
      return purgeExpired.run(cutoff.getTime()).changes;
    },
  };
}
