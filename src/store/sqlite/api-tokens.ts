import type { Database } from 'better-sqlite3';
import { buildApiToken, type ApiToken, type ApiTokenRepository } from '../api-tokens';
import { toDate } from './columns';

interface ApiTokenRow {
  id: string;
  name: string;
  token_hash: string;
  scopes: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

function toToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    tokenHash: row.token_hash,
    scopes: JSON.parse(row.scopes) as string[],
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    lastUsedAt: toDate(row.last_used_at),
    revokedAt: toDate(row.revoked_at),
  };
}

export function createApiTokenRepository(db: Database): ApiTokenRepository {
  const insert = db.prepare(`
    INSERT INTO api_tokens (id, name, token_hash, scopes, created_by, created_at, expires_at)
    VALUES (@id, @name, @tokenHash, @scopes, @createdBy, @createdAt, @expiresAt)`);
  const byHash = db.prepare<[string], ApiTokenRow>('SELECT * FROM api_tokens WHERE token_hash = ?');
  const all = db.prepare<[], ApiTokenRow>('SELECT * FROM api_tokens ORDER BY created_at DESC, id DESC');
  const revoke = db.prepare<{ id: string; now: number }>(
    'UPDATE api_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL',
  );
  const touch = db.prepare<{ id: string; now: number }>(
    'UPDATE api_tokens SET last_used_at = @now WHERE id = @id',
  );

  return {
    async create(input, now) {
      const token = buildApiToken(input, now);
      insert.run({
        id: token.id,
        name: token.name,
        tokenHash: token.tokenHash,
        scopes: JSON.stringify(token.scopes),
        createdBy: token.createdBy,
        createdAt: now.getTime(),
        expiresAt: token.expiresAt.getTime(),
      });
      return token;
    },
    async findByHash(tokenHash) {
      const row = byHash.get(tokenHash);
      return row ? toToken(row) : null;
    },
    async list() {
      return all.all().map(toToken);
    },
    async revoke(id, now) {
      return revoke.run({ id, now: now.getTime() }).changes === 1;
    },
    async touch(id, now) {
      touch.run({ id, now: now.getTime() });
    },
  };
}
