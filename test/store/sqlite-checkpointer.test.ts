import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';

describe('SQLite checkpoints', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-checkpoint-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function writeSessions(store: Store): Promise<void> {
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
  }

  /** Whether the database file grows within `waitMs`: commits far below SQLite's own threshold only reach it by a checkpoint. */
  async function fileGrows(file: string, sizeBefore: number, waitMs: number): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    while (statSync(file).size === sizeBefore && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return statSync(file).size > sizeBefore;
  }

  it.each(['own-thread', 'this-thread'] as const)(
    'when commits pile up in the WAL and checkpoints run on %s, then they are copied into the database file',
    async (walCheckpoints) => {
      const file = join(dir, 'resetdesk.db');
      const store = openSqliteStore(file, { walCheckpoints });
      try {
        const sizeBefore = statSync(file).size;
        await writeSessions(store);
        expect(await fileGrows(file, sizeBefore, 5_000)).toBe(true);
      } finally {
        await store.close();
      }
    },
  );

  it("when checkpoints run elsewhere, then this connection leaves the WAL alone below SQLite's own threshold", async () => {
    const file = join(dir, 'resetdesk.db');
    const store = openSqliteStore(file, { walCheckpoints: 'elsewhere' });
    try {
      const sizeBefore = statSync(file).size;
      await writeSessions(store);
      expect(await fileGrows(file, sizeBefore, 500)).toBe(false);
    } finally {
      await store.close();
    }
  });
});
