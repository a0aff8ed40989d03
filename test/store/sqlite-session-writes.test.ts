import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionRecord, Store } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';

const NOW = new Date('2026-01-01T00:00:00Z');

function session(sid: string, userId: string | null = null): SessionRecord {
  return {
    sid,
    userId,
    data: JSON.stringify({ cookie: {}, csrfToken: sid }),
    expiresAt: new Date(NOW.getTime() + 30 * 60_000),
    createdAt: NOW,
    lastSeenAt: NOW,
    ip: '127.0.0.1',
    userAgent: 'session-writes-test',
  };
}

describe('SQLite session writes', () => {
  let dir: string;
  let file: string;
  let store: Store;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-session-writes-'));
    file = join(dir, 'resetdesk.db');
    store = openSqliteStore(file);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function countedByAnotherConnection(): number {
    const other = new Database(file, { readonly: true });
    try {
      return (other.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
    } finally {
      other.close();
    }
  }

  it('when sessions are written in one turn, then they commit together, each write settling once another connection can read it', async () => {
    const writes = ['a', 'b', 'c'].map((sid) => store.sessions.set(session(sid)));
    expect(countedByAnotherConnection()).toBe(0);

    await Promise.all(writes);

    expect(countedByAnotherConnection()).toBe(3);
  });

  it('when a session is read back before its write has committed, then the read sees it', async () => {
    const writing = store.sessions.set(session('a'));

    const read = await store.sessions.get('a', NOW);

    expect(read).toEqual(session('a'));
    await writing;
  });

  it("when a user's sessions are revoked right after a write, then the write cannot bring one back", async () => {
    const writes = [store.sessions.set(session('a', 'user-1')), store.sessions.set(session('b', 'user-1'))];

    const revoked = await store.sessions.deleteByUser('user-1');
    await Promise.all(writes);

    expect(revoked).toBe(2);
    expect(await store.sessions.listByUser('user-1', NOW)).toEqual([]);
  });
});
