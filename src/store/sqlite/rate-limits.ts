import type { Database } from 'better-sqlite3';
import type { RateLimitRepository } from '../rate-limits';

export function createRateLimitRepository(db: Database): RateLimitRepository {
  // One statement, so the read-modify-write is atomic even across processes sharing the file.
  const hit = db.prepare<{ key: string; now: number; resetAt: number }, { count: number; reset_at: number }>(`
    INSERT INTO rate_limits (key, count, reset_at) VALUES (@key, 1, @resetAt)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN reset_at <= @now THEN 1 ELSE count + 1 END,
      reset_at = CASE WHEN reset_at <= @now THEN @resetAt ELSE reset_at END
    RETURNING count, reset_at`);
  const current = db.prepare<[string, number], { count: number }>(
    'SELECT count FROM rate_limits WHERE key = ? AND reset_at > ?',
  );
  const undo = db.prepare('UPDATE rate_limits SET count = count - 1 WHERE key = ? AND count > 0');
  const reset = db.prepare('DELETE FROM rate_limits WHERE key = ?');
  const purgeExpired = db.prepare('DELETE FROM rate_limits WHERE reset_at <= ?');

  return {
    async hit(key, windowMs, now) {
      const row = hit.get({ key, now: now.getTime(), resetAt: now.getTime() + windowMs })!;
      return { count: row.count, resetAt: new Date(row.reset_at) };
    },
    async count(key, now) {
      return current.get(key, now.getTime())?.count ?? 0;
    },
    async undo(key) {
      undo.run(key);
    },
    async reset(key) {
      reset.run(key);
    },
    async purgeExpired(now) {
      return purgeExpired.run(now.getTime()).changes;
    },
  };
}
