import type { Database } from 'better-sqlite3';
import type { SessionRecord, SessionRepository } from '../sessions';
import { toDate, toMillis } from './columns';

interface SessionRow {
  sid: string;
  user_id: string | null;
  data: string;
  expires_at: number;
  created_at: number;
  last_seen_at: number;
  ip: string;
  user_agent: string;
}

function toSession(row: SessionRow): SessionRecord {
  return {
    sid: row.sid,
    userId: row.user_id,
    data: row.data,
    expiresAt: toDate(row.expires_at),
    createdAt: toDate(row.created_at),
    lastSeenAt: toDate(row.last_seen_at),
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

export function createSessionRepository(db: Database): SessionRepository {
  const get = db.prepare<[string, number], SessionRow>(
    'SELECT * FROM sessions WHERE sid = ? AND expires_at > ?',
  );
  const upsert = db.prepare(`
    INSERT INTO sessions (sid, user_id, data, expires_at, created_at, last_seen_at, ip, user_agent)
    VALUES (@sid, @userId, @data, @expiresAt, @createdAt, @lastSeenAt, @ip, @userAgent)
    ON CONFLICT (sid) DO UPDATE SET user_id = excluded.user_id, data = excluded.data,
      expires_at = excluded.expires_at, last_seen_at = excluded.last_seen_at, ip = excluded.ip,
      user_agent = excluded.user_agent`);
  const touch = db.prepare<{ sid: string; expiresAt: number; lastSeenAt: number; seenBefore: number }>(
    `UPDATE sessions SET expires_at = @expiresAt, last_seen_at = @lastSeenAt
     WHERE sid = @sid AND last_seen_at <= @seenBefore`,
  );
  const destroy = db.prepare('DELETE FROM sessions WHERE sid = ?');
  const byUser = db.prepare<[string, number], SessionRow>(
    'SELECT * FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC, sid',
  );
  const deleteByUser = db.prepare('DELETE FROM sessions WHERE user_id = ? AND sid IS NOT ?');
  const purgeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  return {
    async get(sid, now) {
      const row = get.get(sid, now.getTime());
      return row ? toSession(row) : null;
    },
    async set(record) {
      upsert.run({
        ...record,
        expiresAt: toMillis(record.expiresAt),
        createdAt: toMillis(record.createdAt),
        lastSeenAt: toMillis(record.lastSeenAt),
      });
    },
    async touch(sid, expiresAt, lastSeenAt, seenBefore) {
      touch.run({
        sid,
        expiresAt: expiresAt.getTime(),
        lastSeenAt: lastSeenAt.getTime(),
        seenBefore: seenBefore.getTime(),
      });
    },
    async destroy(sid) {
      destroy.run(sid);
    },
    async listByUser(userId, now) {
      return byUser.all(userId, now.getTime()).map(toSession);
    },
    async deleteByUser(userId, keepSid) {
      return deleteByUser.run(userId, keepSid ?? null).changes;
    },
    async purgeExpired(now) {
      return purgeExpired.run(now.getTime()).changes;
    },
  };
}
