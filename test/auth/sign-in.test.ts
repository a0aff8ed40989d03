import argon2 from 'argon2';
import { createPasswordHasher } from '../../src/auth/password-hashing';
import { csrfFrom, FormClient } from '../support/form-client';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

/** The page minus what legitimately differs per visitor (CSRF token, request id). */
function comparable(html: string, typedUsername: string): string {
  return html
    .replace(/name="_csrf" value="[^"]+"/g, '')
    .replace(/[0-9a-f-]{36}/g, '')
    .replaceAll(typedUsername, '<typed username>');
}

describe('sign-in', () => {
  let testApp: TestApp;
  beforeEach(() => {
    testApp = buildTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
  });
  afterEach(() => testApp.close());

  test('when the password is right, then a fresh session opens /account and the sign-in is audited', async () => {
    const ada = await seedUser(testApp);
    const client = new FormClient(testApp.app);
    const before = await client.get('/login');
    const firstCookie = before.headers['set-cookie']?.[0];
    const response = await client.signIn('  ADA@example.org ', STRONG_PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    const cookie = response.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^resetdesk\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie.split(';')[0]).not.toBe(firstCookie?.split(';')[0]);
    const account = await client.get('/account');
    expect(account.status).toBe(200);
    expect(account.text).toContain('ada@example.org');
    const events = await testApp.store.audit.list({ targetId: ada.id, action: 'signin.succeeded' }, 1, 10);
    expect(events.total).toBe(1);
  });

  test('when signed out, then /account sends the visitor to sign in', async () => {
    const response = await new FormClient(testApp.app).get('/account');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/login');
  });

  test('when the password is wrong 10 times, then the account locks and looks exactly like an unknown one', async () => {
    const ada = await seedUser(testApp);
    const client = new FormClient(testApp.app);
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await client.signIn('ada@example.org', `Wrong-${attempt}-Password!`)).status).toBe(401);
    }
    expect((await testApp.store.users.findById(ada.id))!.lockedUntil).not.toBeNull();
    const locked = await client.signIn('ada@example.org', STRONG_PASSWORD);
    const unknown = await client.signIn('nobody@example.org', STRONG_PASSWORD);
    const wrong = await new FormClient(testApp.app).signIn('ada@example.org', 'Another-Wrong-1!');
    expect(locked.status).toBe(401);
    expect(unknown.status).toBe(401);
    const unknownPage = comparable(unknown.text, 'nobody@example.org');
    expect(comparable(locked.text, 'ada@example.org')).toBe(unknownPage);
    expect(comparable(wrong.text, 'ada@example.org')).toBe(unknownPage);
    expect(locked.text).toContain('Incorrect email address or password.');
    const lockEvents = await testApp.store.audit.list({ targetId: ada.id, action: 'account.locked' }, 1, 10);
    expect(lockEvents.total).toBe(1);
  });

  test('when a device user signs in with the right password, then they are told to use the app', async () => {
    await seedUser(testApp, { userType: 'device', username: 'tablet-7@example.org' });
    const response = await new FormClient(testApp.app).signIn('tablet-7@example.org', STRONG_PASSWORD);
    expect(response.status).toBe(401);
    expect(response.text).toContain('Use your password in the mobile app');
    expect(response.headers.location).toBeUndefined();
  });

  test('when the user must change the password, then every page leads to /account/password', async () => {
    await seedUser(testApp, { mustChangePassword: true });
    const client = new FormClient(testApp.app);
    const response = await client.signIn('ada@example.org', STRONG_PASSWORD);
    expect(response.headers.location).toBe('/account/password');
    for (const path of ['/', '/account', '/account/sessions']) {
      const page = await client.get(path);
      expect([page.status, page.headers.location]).toEqual([303, '/account/password']);
    }
    expect((await client.get('/account/password')).status).toBe(200);
  });

  test('when a temporary password expired unused, then it no longer signs in', async () => {
    const ada = await seedUser(testApp);
    await testApp.store.users.changePassword(
      ada.id,
      {
        hash: await testApp.services.hasher.hash('Temp-Pass-93-Zebra!'),
        historySize: 5,
        mustChangePassword: true,
        passwordExpiresAt: new Date(Date.now() - 1000),
        revokeSessions: true,
      },
      new Date(),
    );
    const response = await new FormClient(testApp.app).signIn('ada@example.org', 'Temp-Pass-93-Zebra!');
    expect(response.status).toBe(401);
    expect(response.text).toContain('temporary password has expired');
  });

  test('when the stored hash used weaker parameters, then sign-in upgrades it', async () => {
    const weak = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const ada = await seedUser(testApp);
    await testApp.store.users.replacePasswordHash(
      ada.id,
      ada.passwordHash!,
      await weak.hash(STRONG_PASSWORD),
      new Date(),
    );
    expect((await new FormClient(testApp.app).signIn('ada@example.org', STRONG_PASSWORD)).status).toBe(303);
    const upgraded = (await testApp.store.users.findById(ada.id))!.passwordHash!;
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  test('when the form has no CSRF token or a wrong one, then it is refused with 403', async () => {
    await seedUser(testApp);
    const client = new FormClient(testApp.app);
    await client.get('/login');
    const missing = await client.agent
      .post('/login')
      .type('form')
      .send({ username: 'ada@example.org', password: 'x' });
    const wrong = await client.agent
      .post('/login')
      .type('form')
      .send({ username: 'ada@example.org', password: 'x', _csrf: 'forged' });
    expect(missing.status).toBe(403);
    expect(wrong.status).toBe(403);
    expect(missing.text).toContain('This form has expired');
  });

  test('when fields are arrays or operator objects, then the answer is a clear 400, never a 5xx', async () => {
    await seedUser(testApp);
    const client = new FormClient(testApp.app);
    const page = await client.get('/login');
    const token = csrfFrom(page.text);
    const arrays = await client.agent
      .post('/login')
      .type('form')
      .send(`username[]=a&username[]=b&password=x&_csrf=${encodeURIComponent(token)}`);
    const operator = await client.agent
      .post('/login')
      .set('Accept', 'text/html')
      .send({ username: { $ne: null }, password: { $ne: null }, _csrf: token });
    expect(arrays.status).toBe(400);
    expect(arrays.text).toContain('“username[]” is not a field this site uses.');
    expect(operator.status).toBe(400);
    expect(operator.text).toContain('The field “username” must be sent once, as plain text.');
  });

  test('when sign-in is hammered from one address, then the limit answers 429 with a clear page', async () => {
    const limited = buildTestApp({ env: { LOGIN_RATE_LIMIT: '3' } });
    try {
      const client = new FormClient(limited.app);
      const statuses = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        statuses.push((await client.signIn('nobody@example.org', 'Wrong-Password-1!')).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const last = await client.signIn('nobody@example.org', 'Wrong-Password-1!');
      expect(last.text).toContain('Too many attempts');
    } finally {
      await limited.close();
    }
  });

  test('when the absolute session lifetime passes, then even an active session must sign in again', async () => {
    let now = new Date();
    const clocked = buildTestApp({
      env: { SESSION_IDLE_MINUTES: '1440', SESSION_ABSOLUTE_HOURS: '1' },
      clock: () => now,
    });
    try {
      await seedUser(clocked);
      const client = new FormClient(clocked.app);
      await client.signIn('ada@example.org', STRONG_PASSWORD);
      now = new Date(now.getTime() + 59 * 60_000);
      expect((await client.get('/account')).status).toBe(200);
      now = new Date(now.getTime() + 2 * 60_000);
      expect((await client.get('/account')).headers.location).toBe('/login');
    } finally {
      await clocked.close();
    }
  });

  test('when the visitor signs out, then the session no longer opens /account', async () => {
    await seedUser(testApp);
    const client = new FormClient(testApp.app);
    await client.signIn('ada@example.org', STRONG_PASSWORD);
    const account = await client.get('/account');
    const out = await client.agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(account.text) });
    expect([out.status, out.headers.location]).toEqual([303, '/login']);
    expect((await client.get('/account')).status).toBe(303);
  });

  test('when a password was hashed as typed before passwords were normalised, then it still signs in', async () => {
    const decomposed = 'Cafe\u0301-Orbit-42-Canyon!';
    const ada = await seedUser(testApp);
    const legacyHash = await argon2.hash(decomposed, {
      type: argon2.argon2id,
      memoryCost: 1024,
      timeCost: 1,
    });
    await testApp.store.users.replacePasswordHash(ada.id, ada.passwordHash!, legacyHash, new Date());
    expect((await new FormClient(testApp.app).signIn('ada@example.org', decomposed)).status).toBe(303);
  });

  test('when the password was set composed, then it signs in typed decomposed, and the reverse', async () => {
    await seedUser(testApp, { password: 'Caf\u00e9-Orbit-42-Canyon!' });
    await seedUser(testApp, { username: 'grace@example.org', password: 'Cafe\u0301-Orbit-42-Canyon!' });
    const signIn = (username: string, password: string) =>
      new FormClient(testApp.app).signIn(username, password);
    expect((await signIn('ada@example.org', 'Cafe\u0301-Orbit-42-Canyon!')).status).toBe(303);
    expect((await signIn('grace@example.org', 'Caf\u00e9-Orbit-42-Canyon!')).status).toBe(303);
  });
});
