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

  test('when run, then ended verifications and links after N days and alerts after M days go while live ones stay', async () => {
    const store = openSqliteStore(sandbox.sqlitePath);
    const now = Date.now();
    const day = 24 * 60 * 60_000;
    const daysAgo = (days: number) => new Date(now - days * day);
    const codeVerification = (targetId: string, created: Date, codeExpiresAt: Date) =>
      store.verifications.create(
        {
          targetId,
          agentId: 'agent',
          channel: 'email',
          codeHash: `code-${targetId}`,
          ticketRef: null,
          outboxId: null,
          codeExpiresAt,
          maxAttempts: 3,
        },
        created,
      );
    await codeVerification('old-target', daysAgo(10), daysAgo(10 - 0.01));
    await codeVerification('live-target', new Date(now), new Date(now + day));
    const token = (tokenHash: string, created: Date, expiresAt: Date) =>
      store.secureAccountTokens.create(
        { userId: 'u1', tokenHash, reason: 'password_changed', expiresAt },
        created,
      );
    await token('expired-long-ago', daysAgo(20), daysAgo(13));
    await token('usable', new Date(now), new Date(now + 7 * day));
    const alert = (targetId: string, created: Date) =>
      store.securityAlerts.create(
        { kind: 'privileged_reset', targetId, actorId: 'a1', details: {} },
        created,
      );
    await alert('old', daysAgo(100));
    await alert('recent', daysAgo(10));
    await store.close();

    const run = await sandbox.run('purge', []);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 caller verifications');
    expect(run.stdout).toContain('1 secure-account links');
    expect(run.stdout).toContain('1 security alerts (kept 90 days)');

    const after = openSqliteStore(sandbox.sqlitePath);
    expect(await after.verifications.listRecentForUser('old-target', 5)).toEqual([]);
    expect(await after.verifications.findPending('live-target', 'agent', new Date())).not.toBeNull();
    expect(await after.secureAccountTokens.findUsable('usable', new Date())).not.toBeNull();
    expect((await after.securityAlerts.listUndismissed('any-admin', 10)).map((a) => a.targetId)).toEqual([
      'recent',
    ]);
    await after.close();
  });

  test('when --keep-alert-days is shorter, then younger alerts go too', async () => {
    const store = openSqliteStore(sandbox.sqlitePath);
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 60 * 60_000);
    await store.securityAlerts.create(
      { kind: 'account_secured_by_user', targetId: 'u1', actorId: null, details: {} },
      tenDaysAgo,
    );
    await store.close();

    const run = await sandbox.run('purge', ['--keep-alert-days', '5']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 security alerts (kept 5 days)');
  });

  test('when --keep-days is not a number, then it exits 2 with the usage', async () => {
    const run = await sandbox.run('purge', ['--keep-days', 'soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run purge');
  });
});
