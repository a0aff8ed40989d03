import type { UserStatus } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import { ScriptSandbox } from './run-script';

describe('scripts/trigger-reset', () => {
  let sandbox: ScriptSandbox;
  beforeEach(() => {
    sandbox = new ScriptSandbox();
  });
  afterEach(() => sandbox.remove());

  async function addAda(status: UserStatus, passwordHash: string | null = 'argon2-hash-placeholder') {
    const store = openSqliteStore(sandbox.sqlitePath);
    const created = await store.users.create(
      {
        username: 'ada@example.org',
        displayName: 'Ada Lovelace',
        userType: 'employee',
        status,
        roles: ['member'],
        passwordHash,
      },
      new Date(),
    );
    await store.close();
    if (!created.ok) throw new Error(created.error);
    return created.user;
  }

  async function afterRun(userId: string) {
    const store = openSqliteStore(sandbox.sqlitePath);
    try {
      const [request] = await store.resetRequests.listRecentForUser(userId, 5);
      const events = (await store.audit.list({ targetId: userId }, 1, 10)).items;
      const queued = request?.outboxId ? await store.outbox.findById(request.outboxId) : null;
      return { request, events, queued };
    } finally {
      await store.close();
    }
  }

  test('when the account is active, then the link + code mail is queued and audited as from the command line', async () => {
    const ada = await addAda('active');
    const run = await sandbox.run('trigger-reset', ['--username', '  Ada@Example.org ']);
    expect([run.code, run.stdout]).toEqual([
      0,
      'Reset link and code queued for ada@example.org (valid 15 minutes).\n',
    ]);
    const { request, events, queued } = await afterRun(ada.id);
    expect(request).toMatchObject({
      purpose: 'reset',
      requestedBy: null,
      userAgent: 'scripts/trigger-reset',
    });
    expect(queued).toMatchObject({ channel: 'email', status: 'queued' });
    expect(events[0]).toMatchObject({
      action: 'reset.requested',
      actorId: null,
      ip: 'cli',
      details: { via: 'cli', purpose: 'reset' },
    });
  });

  test('when the account is pending without a password, then its invitation is queued', async () => {
    const ada = await addAda('pending', null);
    const run = await sandbox.run('trigger-reset', ['--username', 'ada@example.org']);
    expect(run.stdout).toBe('Invitation and code queued for ada@example.org (valid 3 days).\n');
    expect((await afterRun(ada.id)).request).toMatchObject({ purpose: 'invite' });
  });

  test('when the account is suspended or unknown, then nothing is sent and it exits 1 saying why', async () => {
    const ada = await addAda('suspended');
    const suspended = await sandbox.run('trigger-reset', ['--username', 'ada@example.org']);
    expect([suspended.code, suspended.stderr]).toEqual([
      1,
      'Nothing sent: This account is suspended: only active or pending accounts can be reset or signed out.\n',
    ]);
    expect((await afterRun(ada.id)).request).toBeUndefined();
    const unknown = await sandbox.run('trigger-reset', ['--username', 'nobody@example.org']);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'No account has the username nobody@example.org.\n']);
  });

  test('when --username is missing, then it exits 2 with the usage', async () => {
    const run = await sandbox.run('trigger-reset', []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run trigger-reset');
  });
});
