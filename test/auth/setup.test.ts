import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareSetupToken } from '../../src/auth/setup-token';
import { openSqliteStore } from '../../src/store/sqlite';
import { FormClient } from '../support/form-client';
import { STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const SETUP_TOKEN = 'first-run-token-for-tests';

const adminFields = (overrides: Record<string, string> = {}) => ({
  setupToken: SETUP_TOKEN,
  username: 'Root@Example.org',
  displayName: 'Rosa Root',
  password: STRONG_PASSWORD,
  confirmPassword: STRONG_PASSWORD,
  ...overrides,
});

describe('first-run setup', () => {
  let testApp: TestApp;
  beforeEach(() => {
    testApp = buildTestApp({ setupToken: SETUP_TOKEN });
  });
  afterEach(() => testApp.close());

  test('when the setup token is right, then the first admin is created, signs in and /setup is gone', async () => {
    const client = new FormClient(testApp.app);
    expect((await client.get('/setup')).status).toBe(200);
    const created = await client.submit('/setup', adminFields());
    expect([created.status, created.headers.location]).toEqual([303, '/login']);
    expect((await client.get('/login')).text).toContain('Administrator created.');

    const admin = await testApp.store.users.findByUsername('root@example.org');
    expect(admin).toMatchObject({ roles: ['admin'], status: 'active', userType: 'admin_staff' });
    expect(admin!.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await client.signIn('root@example.org', STRONG_PASSWORD)).status).toBe(303);
    expect((await client.get('/account')).text).toContain('Rosa Root');

    expect((await new FormClient(testApp.app).get('/setup')).status).toBe(404);
    const events = await testApp.store.audit.list({ action: 'setup.completed' }, 1, 5);
    expect(events.total).toBe(1);
  });

  test('when the token or fields are wrong, then each problem is named and no user is created', async () => {
    const response = await new FormClient(testApp.app).submit(
      '/setup',
      adminFields({
        setupToken: 'guess',
        username: 'not-an-email',
        displayName: ' ',
        confirmPassword: 'other',
      }),
    );
    expect(response.status).toBe(400);
    for (const message of [
      'That setup token is not correct.',
      'Enter an email address, like name@example.org.',
      'Enter your name.',
      'The two passwords do not match.',
    ]) {
      expect(response.text).toContain(message);
    }
    expect(response.text).toContain('value="not-an-email"');
    expect(await testApp.store.users.count()).toBe(0);
  });

  test('when the server starts with no users, then a token file is written 0600; once a user exists it is removed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'resetdesk-setup-'));
    const store = openSqliteStore(':memory:');
    const token = await prepareSetupToken(store, dataDir);
    const file = join(dataDir, 'setup-token');
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await store.users.create(
      {
        username: 'a@example.org',
        displayName: 'A',
        userType: 'admin_staff',
        status: 'active',
        roles: ['admin'],
      },
      new Date(),
    );
    expect(await prepareSetupToken(store, dataDir)).toBeNull();
    expect(existsSync(file)).toBe(false);
    await store.close();
  });
});
