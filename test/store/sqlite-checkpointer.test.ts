import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite';

describe('SQLite checkpoints', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-checkpoint-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('when commits pile up in the WAL, then the background checkpointer copies them into the database file', async () => {
    const file = join(dir, 'resetdesk.db');
    const store = openSqliteStore(file);
    try {
      const sizeBefore = statSync(file).size;
      const now = new Date();
      for (let i = 0; i < 100; i++) {
        await store.sessions.set({
          sid: `sid-${i}`,
          userId: null,
          data: JSON.stringify({ filler: 'x'.repeat(500) }),
          expiresAt: now,
          createdAt: now,
          lastSeenAt: now,
          ip: '127.0.0.1',
          userAgent: 'checkpoint-test',
        });
      }
      // Far below SQLite's own threshold, so only the background checkpointer can have grown the file.
      const deadline = Date.now() + 5_000;
      while (statSync(file).size === sizeBefore && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(statSync(file).size).toBeGreaterThan(sizeBefore);
    } finally {
      await store.close();
    }
  });
});
