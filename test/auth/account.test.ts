import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite';
import { csrfFrom, FormClient } from '../support/form-client';
import { en, localized } from '../support/i18n';
import { OTHER_STRONG_PASSWORD, seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

async function changePassword(client: FormClient, current: string, password: string, confirm = password) {
  return client.submit('/account/password', { currentPassword: current, password, confirmPassword: confirm });
}

describe('own account', () => {
  let testApp: TestApp;
  beforeEach(() => {
    testApp = buildTestApp();
  });
  afterEach(() => testApp.close());

  test('when someone signs in with a temporary password, then they choose the new one without typing the temporary one again; only in that session', async () => {
    const ada = await seedUser(testApp, { mustChangePassword: true });
    const client = new FormClient(testApp.app);
    const signedIn = await client.signIn('ada@example.org', STRONG_PASSWORD);
    expect(signedIn.headers.location).toBe('/account/password');
    const page = await client.get('/account/password');
    expect(page.text).toContain('Choose your new password');
    expect(page.text).not.toContain('name="currentPassword"');

    // Proven by the sign-in: no current password field, none needed.
    const weak = await client.submit('/account/password', { password: 'short', confirmPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.text).not.toContain('name="currentPassword"');
    const chosen = await client.submit('/account/password', {
      password: OTHER_STRONG_PASSWORD,
      confirmPassword: OTHER_STRONG_PASSWORD,
    });
    expect([chosen.status, chosen.headers.location]).toEqual([303, '/account']);
    expect((await testApp.store.users.findById(ada.id))!.mustChangePassword).toBe(false);
    // Afterwards a change asks for the current password again, as for anyone.
    expect((await client.get('/account/password')).text).toContain('name="currentPassword"');
  });

  test('when the password is changed, then other sessions end, this one stays, and only the new password works', async () => {
    const ada = await seedUser(testApp);
    const laptop = new FormClient(testApp.app);
    const phone = new FormClient(testApp.app);
    await laptop.signIn('ada@example.org', STRONG_PASSWORD);
    await phone.signIn('ada@example.org', STRONG_PASSWORD);
    expect((await phone.get('/account')).status).toBe(200);

    const response = await changePassword(laptop, STRONG_PASSWORD, OTHER_STRONG_PASSWORD);
    expect([response.status, response.headers.location]).toEqual([303, '/account']);
    const after = await laptop.get('/account');
    expect(after.status).toBe(200);
    expect(after.text).toContain('Password changed. Your other devices have been signed out.');
    expect((await phone.get('/account')).headers.location).toBe('/login');

    expect((await new FormClient(testApp.app).signIn('ada@example.org', STRONG_PASSWORD)).status).toBe(401);
    expect((await new FormClient(testApp.app).signIn('ada@example.org', OTHER_STRONG_PASSWORD)).status).toBe(
      303,
    );
    const stored = await testApp.store.users.findById(ada.id);
    expect(stored!.passwordHistory).toEqual([ada.passwordHash]);
    const audit = await testApp.store.audit.list({ targetId: ada.id, action: 'password.changed' }, 1, 5);
    expect(audit.total).toBe(1);
  });

  test('when the new password breaks rules, then every failure is shown and nothing changes', async () => {
    const ada = await seedUser(testApp);
    const client = new FormClient(testApp.app);
    await client.signIn('ada@example.org', STRONG_PASSWORD);
    const weak = await changePassword(client, STRONG_PASSWORD, 'abc', 'abd');
    expect(weak.status).toBe(400);
    for (const message of [
      'Use at least 8 characters.',
      'Add an upper-case letter.',
      'The two passwords do not match.',
    ]) {
      expect(weak.text).toContain(message);
    }
    const wrongCurrent = await changePassword(client, 'Not-My-Password-1!', OTHER_STRONG_PASSWORD);
    expect(wrongCurrent.text).toContain('Your current password is not correct.');
    const same = await changePassword(client, STRONG_PASSWORD, STRONG_PASSWORD);
    expect(same.text).toContain('Choose a password different from your current one.');
    expect((await testApp.store.users.findById(ada.id))!.passwordHash).toBe(ada.passwordHash);
  });

  test('when a password has 257 characters, then it is refused before hashing; 100 characters work, with no truncation', async () => {
    await seedUser(testApp);
    const client = new FormClient(testApp.app);
    await client.signIn('ada@example.org', STRONG_PASSWORD);
    const tooLong = `Aa1!${'x'.repeat(253)}`;
    const refused = await changePassword(client, STRONG_PASSWORD, tooLong);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Use at most 256 characters.');

    const passphrase =
      'Seven quiet otters drift past 42 amber lanterns while the violet harbor sleeps; dawn is far, friend!';
    expect(passphrase).toHaveLength(100);
    expect((await changePassword(client, STRONG_PASSWORD, passphrase)).status).toBe(303);
    expect((await new FormClient(testApp.app).signIn('ada@example.org', passphrase)).status).toBe(303);
    expect(
      (await new FormClient(testApp.app).signIn('ada@example.org', passphrase.slice(0, 72))).status,
    ).toBe(401);
  });

  test('when a user with a temporary password sets their own, then the forced change is over', async () => {
    await seedUser(testApp, { mustChangePassword: true });
    const client = new FormClient(testApp.app);
    await client.signIn('ada@example.org', STRONG_PASSWORD);
    expect((await client.get('/account')).headers.location).toBe('/account/password');
    expect((await changePassword(client, STRONG_PASSWORD, OTHER_STRONG_PASSWORD)).status).toBe(303);
    expect((await client.get('/account')).status).toBe(200);
  });

  test('when signing out everywhere else, then the list shows only this device and the others are signed out', async () => {
    const ada = await seedUser(testApp);
    const laptop = new FormClient(testApp.app);
    const phone = new FormClient(testApp.app);
    await laptop.signIn('ada@example.org', STRONG_PASSWORD);
    await phone.agent.get('/login').set('User-Agent', 'PhoneBrowser/1.0');
    await phone.submit('/login', { username: 'ada@example.org', password: STRONG_PASSWORD });
    const list = await laptop.get('/account/sessions');
    expect(list.text.match(/<tr>/g)).toHaveLength(3);
    expect(list.text).toContain('(this device)');

    const revoke = await laptop.agent
      .post('/account/sessions/revoke-others')
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    expect([revoke.status, revoke.headers.location]).toEqual([303, '/account/sessions']);
    const after = await laptop.get('/account/sessions');
    expect(after.text).toContain('Signed out 1 other session.');
    expect(after.text.match(/<tr>/g)).toHaveLength(2);
    expect((await phone.get('/account')).headers.location).toBe('/login');
    const audit = await testApp.store.audit.list({ targetId: ada.id, action: 'sessions.revoked' }, 1, 5);
    expect(audit.items[0]!.details).toEqual({ revoked: 1, scope: 'others' });
  });

  test.each(['/account', '/account/password', '/account/sessions'])(
    'when %s is shown, then it is marked no-store',
    async (path) => {
      await seedUser(testApp);
      const client = new FormClient(testApp.app);
      await client.signIn('ada@example.org', STRONG_PASSWORD);
      const page = await client.get(path);
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
    },
  );
});

describe('guessing the current password', () => {
  const WRONG = 'Not-My-Password-1!';
  let now: Date;
  let testApp: TestApp;
  let threshold: number;
  beforeEach(() => {
    now = new Date('2024-06-15T12:00:00Z');
    testApp = buildTestApp({ clock: () => now });
    threshold = testApp.config.lockout.threshold;
  });
  afterEach(() => testApp.close());

  async function signedIn(): Promise<FormClient> {
    const client = new FormClient(testApp.app);
    expect((await client.signIn('ada@example.org', STRONG_PASSWORD)).status).toBe(303);
    return client;
  }

  async function guessWrong(client: FormClient, times: number): Promise<void> {
    for (let guess = 0; guess < times; guess++) {
      const response = await changePassword(client, WRONG, OTHER_STRONG_PASSWORD);
      expect(response.status).toBe(400);
      expect(response.text).toContain('Your current password is not correct.');
    }
  }

  async function failSignIn(times: number): Promise<void> {
    const stranger = new FormClient(testApp.app);
    for (let attempt = 0; attempt < times; attempt++) {
      expect((await stranger.signIn('ada@example.org', WRONG)).status).toBe(401);
    }
  }

  /** The lock ends a lockout period after the fixed test clock, shown in the viewer's zone (UTC here). */
  const LOCKED_UNTIL = localized().formatDateTime(new Date('2024-06-15T12:15:00Z'));

  const auditOf = async (targetId: string, action: string) =>
    (await testApp.store.audit.list({ targetId, action }, 1, 50)).items;

  test('when it is wrong as often as sign-in allows, then the account locks, every session ends and sign-in waits for the lock', async () => {
    const ada = await seedUser(testApp);
    const guesser = await signedIn();
    const phone = await signedIn();
    await guessWrong(guesser, threshold - 1);

    const locking = await changePassword(guesser, WRONG, OTHER_STRONG_PASSWORD);
    expect([locking.status, locking.headers.location]).toEqual([303, '/login']);
    const signInPage = await guesser.get('/login');
    expect(signInPage.text).toContain(en('account:errors.locked_out', { until: LOCKED_UNTIL }));
    for (const client of [guesser, phone]) {
      expect((await client.get('/account')).headers.location).toBe('/login');
    }
    expect((await new FormClient(testApp.app).signIn('ada@example.org', STRONG_PASSWORD)).status).toBe(401);
    expect((await testApp.store.users.findById(ada.id))!.passwordHash).toBe(ada.passwordHash);

    const failures = await auditOf(ada.id, 'password.change_failed');
    expect(failures).toHaveLength(threshold);
    expect(failures.every((event) => event.actorId === ada.id && event.outcome === 'wrong_current')).toBe(
      true,
    );
    const [locked] = await auditOf(ada.id, 'account.locked');
    expect(locked!.details).toEqual({ failedSignIns: threshold, lockedUntil: '2024-06-15T12:15:00.000Z' });
    const [revoked] = await auditOf(ada.id, 'sessions.revoked');
    expect(revoked!.details).toEqual({ revoked: 2, scope: 'all', reason: 'locked' });

    now = new Date('2024-06-15T12:16:00Z');
    expect((await new FormClient(testApp.app).signIn('ada@example.org', STRONG_PASSWORD)).status).toBe(303);
  });

  test('when sign-in failures came first, then a wrong current password counts on the same counter', async () => {
    const ada = await seedUser(testApp);
    const client = await signedIn();
    await failSignIn(threshold - 1);

    const locking = await changePassword(client, WRONG, OTHER_STRONG_PASSWORD);
    expect([locking.status, locking.headers.location]).toEqual([303, '/login']);
    expect((await testApp.store.users.findById(ada.id))!.lockedUntil).toEqual(
      new Date('2024-06-15T12:15:00Z'),
    );
  });

  test('when the right current password is entered, then the failure count starts again, even if the new password is refused', async () => {
    const ada = await seedUser(testApp);
    const client = await signedIn();
    await guessWrong(client, threshold - 1);
    expect((await testApp.store.users.findById(ada.id))!.failedSignIns).toBe(threshold - 1);

    const weak = await changePassword(client, STRONG_PASSWORD, 'abc');
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('Use at least 8 characters.');
    expect((await testApp.store.users.findById(ada.id))!.failedSignIns).toBe(0);

    await guessWrong(client, threshold - 1);
    expect((await client.get('/account')).status).toBe(200);
  });

  test('when sign-in failures already locked the account, then the current password is not checked and this session stays', async () => {
    const ada = await seedUser(testApp);
    const client = await signedIn();
    await failSignIn(threshold);

    const refused = await changePassword(client, STRONG_PASSWORD, OTHER_STRONG_PASSWORD);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(en('account:errors.account_locked', { until: LOCKED_UNTIL }));
    expect((await testApp.store.users.findById(ada.id))!.passwordHash).toBe(ada.passwordHash);
    expect((await client.get('/account')).status).toBe(200);
    const [event] = await auditOf(ada.id, 'password.change_failed');
    expect(event).toMatchObject({ actorId: ada.id, outcome: 'locked' });
  });
});

describe('two app instances on one store', () => {
  test('when a session is revoked through instance A, then instance B refuses it on the next request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resetdesk-two-apps-'));
    const file = join(dir, 'shared.db');
    const instanceA = buildTestApp({ store: openSqliteStore(file) });
    const instanceB = buildTestApp({ store: openSqliteStore(file) });
    try {
      await seedUser(instanceA);
      const onA = new FormClient(instanceA.app);
      await onA.signIn('ada@example.org', STRONG_PASSWORD);
      const sessionCookie = (await onA.get('/account')).request.cookies;
      const onB = new FormClient(instanceB.app);
      const fromB = () => onB.get('/account').set('Cookie', sessionCookie);
      expect((await fromB()).status).toBe(200);

      const other = new FormClient(instanceA.app);
      await other.signIn('ada@example.org', STRONG_PASSWORD);
      const list = await other.get('/account/sessions');
      await other.agent
        .post('/account/sessions/revoke-others')
        .type('form')
        .send({ _csrf: csrfFrom(list.text) });

      const refused = await fromB();
      expect([refused.status, refused.headers.location]).toEqual([303, '/login']);
    } finally {
      await instanceA.close();
      await instanceB.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
