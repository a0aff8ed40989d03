import { existsSync } from 'node:fs';
import { openSqliteStore } from '../../src/store/sqlite';
import { USER_STATUSES, USER_TYPES, type Store, type User } from '../../src/store';
import { ScriptSandbox } from './run-script';

const PASSWORD_LINE = /^Demo password for all seeded accounts: (\S+)$/m;

describe('scripts/seed-demo', () => {
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

  async function storedUsers(): Promise<User[]> {
    store ??= openSqliteStore(sandbox.sqlitePath);
    return (await store.users.search({ page: 1, pageSize: 100 })).items;
  }

  test('when run on an empty store, then every type and status is seeded with one printed random password', async () => {
    const run = await sandbox.run('seed-demo', []);
    expect(run.code).toBe(0);
    const password = PASSWORD_LINE.exec(run.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    for (const pattern of [/\p{Lu}/u, /\p{Ll}/u, /\d/, /[^\p{L}\p{N}]/u]) expect(password).toMatch(pattern);
    expect(run.stdout.split(password)).toHaveLength(2);

    const users = await storedUsers();
    expect(new Set(users.map((user) => user.userType))).toEqual(new Set(USER_TYPES));
    expect(new Set(users.map((user) => user.status))).toEqual(new Set(USER_STATUSES));
    const parents = users.filter((user) => user.userType === 'parent');
    expect(parents.some((parent) => /^\d{10}$/.test(parent.nationalId ?? ''))).toBe(true);
    expect(parents.some((parent) => parent.nationalId === null)).toBe(true);
    expect(users.some((user) => user.roles.includes('admin'))).toBe(true);
    expect(users.some((user) => user.roles.includes('helpdesk'))).toBe(true);
    expect(users.some((user) => user.contactEmail && user.contactEmail !== user.username)).toBe(true);
    expect(users.some((user) => /^\+[1-9]\d{6,14}$/.test(user.phone ?? ''))).toBe(true);
    expect(users.some((user) => user.phone === null)).toBe(true);
    for (const user of users) {
      if (user.status === 'pending') expect(user.passwordHash).toBeNull();
      else expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    }
  });

  test('when run twice, then the second run creates nothing and prints no password', async () => {
    expect((await sandbox.run('seed-demo', [])).code).toBe(0);
    const countAfterFirst = (await storedUsers()).length;
    const again = await sandbox.run('seed-demo', []);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Created 0, skipped \d+\.$/m);
    expect(again.stdout).not.toMatch(PASSWORD_LINE);
    expect((await storedUsers()).length).toBe(countAfterFirst);
  });

  test('when the password comes from stdin, then it is used and never echoed', async () => {
    const given = 'Quarry-Lantern-58-Harbor!';
    const run = await sandbox.run('seed-demo', ['--password-stdin'], { stdin: `${given}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(given);
    const admin = (await storedUsers()).find((user) => user.roles.includes('admin'));
    expect(admin?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  test('when the configuration is production, then it refuses without --force and writes nothing', async () => {
    const run = await sandbox.run('seed-demo', [], {
      env: { NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:2525', APP_URL: 'https://desk.example.org' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--force');
    expect(existsSync(sandbox.sqlitePath)).toBe(false);
  });
});
