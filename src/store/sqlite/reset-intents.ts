import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type { ResetIntent, ResetIntentRepository } from '../reset-intents';

interface ResetIntentRow {
  id: string;
  sealed_username: string;
  ip: string;
  user_agent: string;
  created_at: number;
  attempts: number;
}

function toIntent(row: ResetIntentRow): ResetIntent {
  return {
    id: row.id,
    sealedUsername: row.sealed_username,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: new Date(row.created_at),
    attempts: row.attempts,
  };
}

export function createResetIntentRepository(db: Database): ResetIntentRepository {
  const insert = db.prepare<{
    id: string;
    sealedUsername: string;
    ip: string;
    userAgent: string;
    now: number;
  }>(
    `INSERT INTO reset_intents (id, sealed_username, ip, user_agent, created_at)
     VALUES (@id, @sealedUsername, @ip, @userAgent, @now)`,
  );
  // A single UPDATE … RETURNING: SQLite serialises writers, so two claimers never get the same row.
  // Ids are time-ordered, so the primary key gives the oldest first.
  const claim = db.prepare<{ now: number; leaseUntil: number; limit: number }, ResetIntentRow>(`
    UPDATE reset_intents SET lease_until = @leaseUntil, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM reset_intents WHERE lease_until IS NULL OR lease_until <= @now ORDER BY id LIMIT @limit)
    RETURNING id, sealed_username, ip, user_agent, created_at, attempts`);
  const remove = db.prepare<[string]>('DELETE FROM reset_intents WHERE id = ?');
  const count = db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM reset_intents');

  return {
    async add(intent, now) {
      const id = newId();
      insert.run({ id, ...intent, now: now.getTime() });
      return id;
    },
    async claim(now, limit, leaseMs) {
      return claim
        .all({ now: now.getTime(), leaseUntil: now.getTime() + leaseMs, limit })
        .map(toIntent)
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async remove(id) {
      remove.run(id);
    },
    async count() {
      return count.get()!.count;
    },
  };
}
