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

interface PendingWrite {
  record: SessionRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Every first visit stores a session (its CSRF token lives there): the writes that arrive in one turn
 * of the event loop are committed together, one transaction instead of one commit each. A write's
 * promise settles once its transaction has committed.
 */
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
  const lastSeen = db.prepare<[string], { last_seen_at: number }>(
    'SELECT last_seen_at FROM sessions WHERE sid = ?',
  );
  const destroy = db.prepare('DELETE FROM sessions WHERE sid = ?');
  const byUser = db.prepare<[string, number], SessionRow>(
    'SELECT * FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC, sid',
  );
  const deleteByUser = db.prepare('DELETE FROM sessions WHERE user_id = ? AND sid IS NOT ?');
  const purgeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  const pending: PendingWrite[] = [];
  const upsertAll = db.transaction((writes: readonly PendingWrite[]) => {
    for (const { record } of writes) {
      upsert.run({
        ...record,
        expiresAt: toMillis(record.expiresAt),
        createdAt: toMillis(record.createdAt),
        lastSeenAt: toMillis(record.lastSeenAt),
      });
    }
  });
  /** Writes what is queued, in order; every other statement here runs after it, so none can overtake a write. */
  function flush(): void {
    if (pending.length === 0) return;
    const writes = pending.splice(0);
    try {
      upsertAll(writes);
    } catch (error) {
      for (const write of writes) write.reject(error);
      return;
    }
    for (const write of writes) write.resolve();
  }

  return {
    async get(sid, now) {
      flush();
      const row = get.get(sid, now.getTime());
      return row ? toSession(row) : null;
    },
    set(record) {
      return new Promise((resolve, reject) => {
        if (pending.push({ record, resolve, reject }) === 1) setImmediate(flush);
      });
    },
    async touch(sid, expiresAt, lastSeenAt, seenBefore) {
      flush();
      // Most touches find the session seen a moment ago: a read tells, where the UPDATE (even one that
      // changes nothing) would wait for the write lock and commit.
      const seen = lastSeen.get(sid);
      if (!seen || seen.last_seen_at > seenBefore.getTime()) return;
      touch.run({
        sid,
        expiresAt: expiresAt.getTime(),
        lastSeenAt: lastSeenAt.getTime(),
        seenBefore: seenBefore.getTime(),
      });
    },
    async destroy(sid) {
      flush();
      destroy.run(sid);
    },
    async listByUser(userId, now) {
      flush();
      return byUser.all(userId, now.getTime()).map(toSession);
    },
    async deleteByUser(userId, keepSid) {
      flush();
      return deleteByUser.run(userId, keepSid ?? null).changes;
    },
    async purgeExpired(now) {
      flush();
      return purgeExpired.run(now.getTime()).changes;
    },
  };
}
