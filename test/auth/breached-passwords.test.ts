import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { openSqliteStore } from '../../src/store/sqlite';
import { confirmAction, signedInStaff } from '../support/admin';
import { startRangeApi, writeRangeCorpus } from '../support/breach-corpus';
import { BREACHED_SAMPLES } from '../support/breached-samples';
import { FormClient } from '../support/form-client';
import { readResetMail, smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const BREACHED = 'This password appears in lists of breached passwords';
/** A strong random password: in no list, so every path accepts it. */
const RANDOM_STRONG = 'tq7#Vx2m!Lp9@Wd4';
/** Strong-looking, so only a corpus that lists it refuses it. */
const IN_CORPUS_ONLY = 'Quartz-Heron-58-Lantern!';
/** 25 policy checks with real argon2 each: allow for a machine busy with other suites. */
const EVERY_SAMPLE_MS = 120_000;

async function expectEverySampleRefused(submit: (password: string) => Promise<Response>) {
  for (const password of BREACHED_SAMPLES) {
    const response = await submit(password);
    expect([password, response.status]).toEqual([password, 400]);
    expect(response.text).toContain(BREACHED);
  }
}

describe('breached passwords are refused on every path', () => {
  let dir: string;
  let testApp: TestApp;
  let sink: SmtpSink;
  let deliver: () => Promise<number>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-breached-'));
    sink = await new SmtpSink().start();
    testApp = buildTestApp({
      store: openSqliteStore(join(dir, 'store.db')),
      env: { APP_URL: 'https://desk.example.org', RESET_RATE_LIMIT: '1000' },
    });
    deliver = smtpDelivery(testApp, sink);
  });
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function resetPage(username: string) {
    await deliver();
    const mail = readResetMail(sink.to(username).at(-1)!);
    const client = new FormClient(testApp.app);
    await client.get(mail.linkPath);
    const submit = (password: string) =>
      client.submit('/reset', { code: mail.code, password, confirmPassword: password });
    return submit;
  }

  test(
    'self-service reset: every sample is refused with the message, a strong random password is accepted',
    async () => {
      await seedUser(testApp);
      await new FormClient(testApp.app).submit('/forgot', { username: 'ada@example.org' });
      const submit = await resetPage('ada@example.org');
      await expectEverySampleRefused(submit);
      expect((await submit(RANDOM_STRONG)).headers.location).toBe('/login');
    },
    EVERY_SAMPLE_MS,
  );

  test(
    'invitation: the first password obeys the same list',
    async () => {
      const { client: admin } = await signedInStaff(testApp, 'admin');
      const created = await admin.submit('/admin/users/new', {
        username: 'nia.okafor@example.org',
        displayName: 'Nia Okafor',
        userType: 'employee',
        role: 'member',
        sendInvite: 'on',
      });
      expect(created.status).toBe(303);
      const submit = await resetPage('nia.okafor@example.org');
      await expectEverySampleRefused(submit);
      expect((await submit(RANDOM_STRONG)).headers.location).toBe('/login');
    },
    EVERY_SAMPLE_MS,
  );

  test(
    'own change: every sample is refused, a strong random password is accepted',
    async () => {
      await seedUser(testApp);
      const client = new FormClient(testApp.app);
      await client.signIn('ada@example.org', STRONG_PASSWORD);
      const submit = (password: string) =>
        client.submit('/account/password', {
          currentPassword: STRONG_PASSWORD,
          password,
          confirmPassword: password,
        });
      await expectEverySampleRefused(submit);
      expect((await submit(RANDOM_STRONG)).headers.location).toBe('/account');
    },
    EVERY_SAMPLE_MS,
  );

  test(
    'admin-typed: every sample is refused, a strong random password is accepted',
    async () => {
      const { client: admin } = await signedInStaff(testApp, 'admin');
      const ada = await seedUser(testApp);
      const path = `/admin/users/${ada.id}/password`;
      const submit = (password: string) =>
        confirmAction(admin, path, { password, confirmPassword: password });
      await expectEverySampleRefused(submit);
      expect((await submit(RANDOM_STRONG)).headers.location).toBe(`/admin/users/${ada.id}`);
    },
    EVERY_SAMPLE_MS,
  );

  test('first-admin setup: the same list applies', async () => {
    await testApp.close();
    testApp = buildTestApp({ setupToken: 'setup-token-0123456789abcdefghijklmn' });
    const client = new FormClient(testApp.app);
    const response = await client.submit('/setup', {
      setupToken: 'setup-token-0123456789abcdefghijklmn',
      username: 'grace@example.org',
      displayName: 'Grace Hopper',
      password: 'Summer2024!',
      confirmPassword: 'Summer2024!',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain(BREACHED);
  });
});

describe('context words are refused with a message saying which', () => {
  let testApp: TestApp;
  afterEach(() => testApp.close());

  test("when the password holds the user's name, the organisation's name or the username, then the page says which", async () => {
    testApp = buildTestApp({ env: { ORG_NAME: 'Al Noor International School' } });
    await seedUser(testApp, { username: 'jsmith.ops@example.org', displayName: 'Jordan Smithers' });
    const client = new FormClient(testApp.app);
    await client.signIn('jsmith.ops@example.org', STRONG_PASSWORD);
    const submit = (password: string) =>
      client.submit('/account/password', {
        currentPassword: STRONG_PASSWORD,
        password,
        confirmPassword: password,
      });
    for (const [password, which] of [
      ['Velvet-Smithers-42!', 'It contains your name'],
      ['Velvet-Noor-Orbit-42!', 'It contains the organisation’s name'],
      ['Velvet-JSmith-Orbit-42!', 'It contains your username'],
    ]) {
      const response = await submit(password!);
      expect(response.status).toBe(400);
      expect(response.text).toContain(which);
    }
  });
});

describe('the optional breach corpus', () => {
  let testApp: TestApp;
  afterEach(() => testApp.close());

  /** Ada signed in on a fresh app; returns her own-change form's submit. */
  async function signedInAda(env: Record<string, string>) {
    testApp = buildTestApp({ env });
    await seedUser(testApp);
    const client = new FormClient(testApp.app);
    await client.signIn('ada@example.org', STRONG_PASSWORD);
    return (password: string) =>
      client.submit('/account/password', {
        currentPassword: STRONG_PASSWORD,
        password,
        confirmPassword: password,
      });
  }

  test('when a generated range-file corpus lists a strong-looking password, then it is refused; without the corpus it is accepted', async () => {
    const corpus = writeRangeCorpus([{ password: IN_CORPUS_ONLY, count: 3 }]);
    try {
      const refused = await (await signedInAda({ BREACHED_PASSWORDS_DIR: corpus }))(IN_CORPUS_ONLY);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain(BREACHED);
      await testApp.close();
      const accepted = await (await signedInAda({}))(IN_CORPUS_ONLY);
      expect(accepted.headers.location).toBe('/account');
    } finally {
      rmSync(corpus, { recursive: true, force: true });
    }
  });

  test('when a range API lists it, then it is refused; when the API is gone, the bundled list still refuses and nothing fails', async () => {
    const api = await startRangeApi([{ password: IN_CORPUS_ONLY, count: 3 }]);
    const submit = await signedInAda({ BREACHED_PASSWORDS_URL: api.url });
    const refused = await submit(IN_CORPUS_ONLY);
    expect(refused.text).toContain(BREACHED);
    await api.close();

    const bundled = await submit('Summer2024!');
    expect([bundled.status, bundled.text.includes(BREACHED)]).toEqual([400, true]);
    expect((await submit(RANDOM_STRONG)).headers.location).toBe('/account');
    const ready = await new FormClient(testApp.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.breachedPasswords).toMatchObject({
      corpus: 'unavailable',
      checking: 'bundled list only',
    });
  });
});
