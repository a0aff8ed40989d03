import { openSqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store';
import { ScriptSandbox } from './run-script';

const STRONG = 'Velvet-Orbit-42-Canyon!';

describe('scripts/create-admin', () => {
  let sandbox: ScriptSandbox;
  let store: Store | null = null;
  beforeEach(() => {
    sandbox = new ScriptSandbox();
  });
  afterEach(async () => {
    await store?.close();
    store = null;
    sandbox.remove();
  });

  /** Opened only after the child has exited, the way an operator would look afterwards. */
  const openStore = () => (store = openSqliteStore(sandbox.sqlitePath));
  const createAdmin = (username: string, stdin: string) =>
    sandbox.run('create-admin', ['--username', username, '--name', 'Ada Admin', '--password-stdin'], {
      stdin,
    });

  test('when the password on stdin is strong, then an active admin with an argon2id hash is stored and audited', async () => {
    const run = await createAdmin('  Ada@Example.ORG ', `${STRONG}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created administrator ada@example\.org \(id [\w-]+\)\n$/);
    expect(run.stdout + run.stderr).not.toContain(STRONG);
    const user = await openStore().users.findByUsername('ada@example.org');
    expect(user).toMatchObject({
      displayName: 'Ada Admin',
      roles: ['admin'],
      userType: 'admin_staff',
      status: 'active',
      mustChangePassword: false,
    });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(run.stdout).toContain(`(id ${user!.id})`);
    const events = await store!.audit.list({ action: 'admin.created_by_script' }, 1, 10);
    expect(events.items).toEqual([
      expect.objectContaining({
        actorId: null,
        targetId: user!.id,
        ip: 'cli',
        userAgent: 'scripts/create-admin',
      }),
    ]);
  });

  test('when the password is weak, then it exits 1 listing every failed rule and creates nobody', async () => {
    const run = await createAdmin('weak@example.org', 'password\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Add an upper-case letter.');
    expect(run.stderr).toContain('Add a number.');
    expect(run.stderr).toContain('Add a symbol or a space.');
    expect(run.stderr).toContain('Too easy to guess');
    expect(await openStore().users.count()).toBe(0);
  });

  test('when the username is taken, then it exits 1 saying it already exists and changes nothing', async () => {
    expect((await createAdmin('ada@example.org', `${STRONG}\n`)).code).toBe(0);
    const run = await createAdmin('ADA@example.org', 'Other-Strong-Pass-77!\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ada@example.org already exists');
    expect(await openStore().users.count()).toBe(1);
  });

  test('when the username is not an email and the name is blank, then it exits 1 naming both', async () => {
    const run = await sandbox.run('create-admin', ['--username', 'ada', '--name', ' ', '--password-stdin'], {
      stdin: `${STRONG}\n`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"ada" is not an email address');
    expect(run.stderr).toContain('The name is empty');
  });

  test('when --username is missing, then it exits 2 with the usage text', async () => {
    const run = await sandbox.run('create-admin', ['--name', 'Ada Admin', '--password-stdin'], {
      stdin: `${STRONG}\n`,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Missing --username.');
    expect(run.stderr).toContain('Usage: npm run create-admin');
  });

  test('when the password is given as a flag, then it exits 2 without echoing it', async () => {
    const args = ['--username', 'ada@example.org', '--name', 'Ada', `--password=${STRONG}`];
    const run = await sandbox.run('create-admin', args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('never accepted as a command-line argument');
    expect(run.stdout + run.stderr).not.toContain(STRONG);
  });

  test('when stdin is not a terminal and --password-stdin is absent, then it exits 2 instead of prompting', async () => {
    const run = await sandbox.run('create-admin', ['--username', 'ada@example.org', '--name', 'Ada']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('use --password-stdin');
  });
});
