import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type {
  SecureAccountReason,
  SecureAccountToken,
  SecureAccountTokenRepository,
} from '../secure-account-tokens';
import { toDate } from './columns';

interface SecureAccountTokenRow {
  id: string;
  user_id: string;
  token_hash: string;
  reason: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

function toToken(row: SecureAccountTokenRow): SecureAccountToken {
  return {
    id: row.id,
    userId: row.user_id,
    tokenHash: row.token_hash,
    reason: row.reason as SecureAccountReason,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    usedAt: toDate(row.used_at),
  };
}

const USABLE = 'used_at IS NULL AND expires_at > @now';

export function createSecureAccountTokenRepository(db: Database): SecureAccountTokenRepository {
  const insert = db.prepare(`
    INSERT INTO secure_account_tokens (id, user_id, token_hash, reason, created_at, expires_at)
    VALUES (@id, @userId, @tokenHash, @reason, @createdAt, @expiresAt)`);
  const usableByHash = db.prepare<{ tokenHash: string; now: number }, SecureAccountTokenRow>(
    `SELECT * FROM secure_account_tokens WHERE token_hash = @tokenHash AND ${USABLE}`,
  );
  const use = db.prepare<{ id: string; now: number }>(
    `UPDATE secure_account_tokens SET used_at = @now WHERE id = @id AND ${USABLE}`,
  );
  const purgeEnded = db.prepare<{ cutoff: number }>(
    'DELETE FROM secure_account_tokens WHERE expires_at < @cutoff OR used_at < @cutoff',
  );

  return {
    async create(input, now) {
      const token: SecureAccountToken = { ...input, id: newId(), createdAt: now, usedAt: null };
      insert.run({
        id: token.id,
        userId: token.userId,
        tokenHash: token.tokenHash,
        reason: token.reason,
        createdAt: now.getTime(),
        expiresAt: token.expiresAt.getTime(),
      });
      return token;
    },
    async findUsable(tokenHash, now) {
      const row = usableByHash.get({ tokenHash, now: now.getTime() });
      return row ? toToken(row) : null;
    },
    async use(id, now) {
      return use.run({ id, now: now.getTime() }).changes === 1;
    },
    async purgeEnded(cutoff) {
      return purgeEnded.run({ cutoff: cutoff.getTime() }).changes;
    },
  };
}
