import type { Database } from 'better-sqlite3';
import { buildCodeVerification, buildInPersonVerification } from '../verification-records';
import type { CallerVerification, VerificationChannel, VerificationRepository } from '../verifications';
import { toDate, toMillis } from './columns';

interface VerificationRow {
  id: string;
  target_id: string;
  agent_id: string;
  channel: string;
  code_hash: string | null;
  note: string | null;
  ticket_ref: string | null;
  outbox_id: string | null;
  created_at: number;
  code_expires_at: number | null;
  failed_attempts: number;
  max_attempts: number;
  verified_at: number | null;
  valid_until: number | null;
  spent_at: number | null;
  voided_at: number | null;
}

function toVerification(row: VerificationRow): CallerVerification {
  return {
    id: row.id,
    targetId: row.target_id,
    agentId: row.agent_id,
    channel: row.channel as VerificationChannel,
    codeHash: row.code_hash,
    note: row.note,
    ticketRef: row.ticket_ref,
    outboxId: row.outbox_id,
    createdAt: toDate(row.created_at),
    codeExpiresAt: toDate(row.code_expires_at),
    failedAttempts: row.failed_attempts,
    maxAttempts: row.max_attempts,
    verifiedAt: toDate(row.verified_at),
    validUntil: toDate(row.valid_until),
    spentAt: toDate(row.spent_at),
    voidedAt: toDate(row.voided_at),
  };
}

function toParams(verification: CallerVerification) {
  return {
    id: verification.id,
    targetId: verification.targetId,
    agentId: verification.agentId,
    channel: verification.channel,
    codeHash: verification.codeHash,
    note: verification.note,
    ticketRef: verification.ticketRef,
    outboxId: verification.outboxId,
    failedAttempts: verification.failedAttempts,
    maxAttempts: verification.maxAttempts,
    createdAt: toMillis(verification.createdAt),
    codeExpiresAt: toMillis(verification.codeExpiresAt),
    verifiedAt: toMillis(verification.verifiedAt),
    validUntil: toMillis(verification.validUntil),
  };
}

// A spent verification was verified first, so PENDING needs no spent_at test; valid_until is set only
// on verification, so VALID needs no verified_at test.
const PENDING =
  'voided_at IS NULL AND verified_at IS NULL AND code_expires_at > @now AND failed_attempts < max_attempts';
const VALID = 'voided_at IS NULL AND spent_at IS NULL AND valid_until > @now';
const LIVE = `((${PENDING}) OR (${VALID}))`;
const NEWEST_FIRST = 'ORDER BY created_at DESC, id DESC';

function prepareStatements(db: Database) {
  type Now = { now: number };
  type ForAgent = { targetId: string; agentId: string; now: number };
  type Position = { targetId: string; createdAt: number; id: string; now: number };
  return {
    insert: db.prepare(`
      INSERT INTO caller_verifications (id, target_id, agent_id, channel, code_hash, note, ticket_ref, outbox_id,
        created_at, code_expires_at, failed_attempts, max_attempts, verified_at, valid_until)
      VALUES (@id, @targetId, @agentId, @channel, @codeHash, @note, @ticketRef, @outboxId,
        @createdAt, @codeExpiresAt, @failedAttempts, @maxAttempts, @verifiedAt, @validUntil)`),
    voidEarlier: db.prepare<Position>(
      `UPDATE caller_verifications SET voided_at = @now
       WHERE target_id = @targetId AND (created_at, id) < (@createdAt, @id) AND ${LIVE}`,
    ),
    laterLive: db.prepare<Position>(
      `SELECT 1 FROM caller_verifications
       WHERE target_id = @targetId AND (created_at, id) > (@createdAt, @id) AND ${LIVE} LIMIT 1`,
    ),
    voidOne: db.prepare<{ id: string } & Now>(
      `UPDATE caller_verifications SET voided_at = @now WHERE id = @id AND ${LIVE}`,
    ),
    byId: db.prepare<[string], VerificationRow>('SELECT * FROM caller_verifications WHERE id = ?'),
    pendingFor: db.prepare<ForAgent, VerificationRow>(
      `SELECT * FROM caller_verifications WHERE target_id = @targetId AND agent_id = @agentId AND ${PENDING}
       ${NEWEST_FIRST} LIMIT 1`,
    ),
    validFor: db.prepare<ForAgent, VerificationRow>(
      `SELECT * FROM caller_verifications WHERE target_id = @targetId AND agent_id = @agentId AND ${VALID}
       ${NEWEST_FIRST} LIMIT 1`,
    ),
    failAttempt: db.prepare<{ id: string } & Now, { left: number }>(
      `UPDATE caller_verifications SET failed_attempts = failed_attempts + 1 WHERE id = @id AND ${PENDING}
       RETURNING max_attempts - failed_attempts AS left`,
    ),
    confirm: db.prepare<{ id: string; validUntil: number } & Now, VerificationRow>(
      `UPDATE caller_verifications SET verified_at = @now, valid_until = @validUntil WHERE id = @id AND ${PENDING}
       RETURNING *`,
    ),
    spend: db.prepare<{ id: string } & Now>(
      `UPDATE caller_verifications SET spent_at = @now WHERE id = @id AND ${VALID}`,
    ),
    voidAllForTarget: db.prepare<{ targetId: string } & Now>(
      `UPDATE caller_verifications SET voided_at = @now WHERE target_id = @targetId AND ${LIVE}`,
    ),
    recentForTarget: db.prepare<[string, number], VerificationRow>(
      `SELECT * FROM caller_verifications WHERE target_id = ? ${NEWEST_FIRST} LIMIT ?`,
    ),
    // Whatever ended before the cutoff was created before it, which lets the index narrow the scan.
    purgeEnded: db.prepare<{ cutoff: number }>(
      `DELETE FROM caller_verifications WHERE created_at < @cutoff AND (voided_at < @cutoff OR spent_at < @cutoff
       OR valid_until < @cutoff OR (verified_at IS NULL AND code_expires_at < @cutoff))`,
    ),
  };
}

export function createVerificationRepository(db: Database): VerificationRepository {
  const statements = prepareStatements(db);

  // The same steps as the MongoDB adapter, so both agree on which of two creates wins: the later in
  // listing order, even when an instance's clock lags and its create sorts before an existing one.
  const insertAsLatest = db.transaction((verification: CallerVerification, now: Date): CallerVerification => {
    statements.insert.run(toParams(verification));
    const position = {
      targetId: verification.targetId,
      createdAt: verification.createdAt.getTime(),
      id: verification.id,
      now: now.getTime(),
    };
    statements.voidEarlier.run(position);
    if (statements.laterLive.get(position))
      statements.voidOne.run({ id: verification.id, now: now.getTime() });
    return toVerification(statements.byId.get(verification.id)!);
  });

  return {
    async create(input, now) {
      return insertAsLatest.immediate(buildCodeVerification(input, now), now);
    },
    async createInPerson(input, now) {
      return insertAsLatest.immediate(buildInPersonVerification(input, now), now);
    },
    async findPending(targetId, agentId, now) {
      const row = statements.pendingFor.get({ targetId, agentId, now: now.getTime() });
      return row ? toVerification(row) : null;
    },
    async recordFailedAttempt(id, now) {
      return statements.failAttempt.get({ id, now: now.getTime() })?.left ?? null;
    },
    async confirm(id, now, validUntil) {
      const row = statements.confirm.get({ id, now: now.getTime(), validUntil: validUntil.getTime() });
      return row ? toVerification(row) : null;
    },
    async findValid(targetId, agentId, now) {
      const row = statements.validFor.get({ targetId, agentId, now: now.getTime() });
      return row ? toVerification(row) : null;
    },
    async spend(id, now) {
      return statements.spend.run({ id, now: now.getTime() }).changes === 1;
    },
    async voidAllForUser(userId, now) {
      return statements.voidAllForTarget.run({ targetId: userId, now: now.getTime() }).changes;
    },
    async listRecentForUser(userId, limit) {
      return statements.recentForTarget.all(userId, limit).map(toVerification);
    },
    async purgeEnded(cutoff) {
      return statements.purgeEnded.run({ cutoff: cutoff.getTime() }).changes;
    },
  };
}
