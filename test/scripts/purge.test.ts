import { openSqliteStore } from '../../src/store/sqlite';
import { ScriptSandbox } from './run-script';

describe('scripts/purge', () => {
  let sandbox: ScriptSandbox;
  beforeEach(() => {
    sandbox = new ScriptSandbox();
  });
  afterEach(() => sandbox.remove());

  test('when run, then expired sessions and old finished data go while live data stays', async () => {
    const store = openSqliteStore(sandbox.sqlitePath);
    const now = Date.now();
    const day = 24 * 60 * 60_000;
    const session = (sid: string, expiresAt: number) => ({
      sid,
      userId: 'u1',
      data: '{}',
      expiresAt: new Date(expiresAt),
      createdAt: new Date(now - day),
      lastSeenAt: new Date(now - day),
      ip: '',
      userAgent: '',
    });
    await store.sessions.set(session('expired', now - 1000));
    await store.sessions.set(session('live', now + day));
    const old = await store.outbox.enqueue(
      { channel: 'email', payload: 'x', usefulUntil: new Date(now), userId: null },
      new Date(now - 10 * day),
    );
    await store.outbox.markSent(old.id, new Date(now - 10 * day));
    const recent = await store.outbox.enqueue(
      { channel: 'email', payload: 'y', usefulUntil: new Date(now), userId: null },
      new Date(now - day),
    );
    await store.outbox.markSent(recent.id, new Date(now - day));
    await store.close();

    const run = await sandbox.run('purge', ['--keep-days', '7']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Purged 1 expired sessions');
    expect(run.stdout).toContain('1 outbox items');

    const after = openSqliteStore(sandbox.sqlitePath);
    expect(await after.sessions.get('live', new Date())).not.toBeNull();
    expect(await after.outbox.findById(old.id)).toBeNull();
    expect(await after.outbox.findById(recent.id)).not.toBeNull();
    await after.close();
  });

  test('when --keep-days is not a number, then it exits 2 with the usage', async () => {
    const run = await sandbox.run('purge', ['--keep-days', 'soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run purge');
  });
});
