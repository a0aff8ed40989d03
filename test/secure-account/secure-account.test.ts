import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { SECURE_ACCOUNT_MESSAGES } from '../../src/secure-account/secure-account-messages';
import { openSqliteStore } from '../../src/store/sqlite';
import { DAY, MINUTE } from '../../src/time';
import { signedInStaff } from '../support/admin';
import { en } from '../support/i18n';
import { csrfFrom, FormClient } from '../support/form-client';
import { followLinkAndReset, readResetMail, smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const ADA = 'ada@example.org';
const INVALID = en(SECURE_ACCOUNT_MESSAGES.link_invalid).replace(/'/g, '&#39;');

/** The "this wasn't me" link of a password-changed notice, as the user's mail client shows it. */
function readSecureAccountLink(mail: ParsedMail) {
  const match = /https?:\/\/[^\s/]+(\/secure-account\?token=([\w-]+))/.exec(mail.text ?? '');
  if (!match) throw new Error(`no "this wasn't me" link in:\n${mail.text}`);
  return { linkPath: match[1]!, token: match[2]! };
}

describe('"this wasn\'t me" from a password-changed notice', () => {
  let dir: string;
  let dbFile: string;
  let now: Date;
  let testApp: TestApp;
  let sink: SmtpSink;
  let deliver: () => Promise<number>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-secure-'));
    dbFile = join(dir, 'store.db');
    now = new Date();
    sink = await new SmtpSink().start();
    testApp = buildTestApp({
      store: openSqliteStore(dbFile),
      clock: () => now,
      env: { APP_URL: 'https://desk.example.org', HELP_DESK_CONTACT: 'the IT desk on extension 4242' },
    });
    deliver = smtpDelivery(testApp, sink);
  });
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Someone else resets Ada's password through her mailbox and signs in with it; Ada gets the notice. */
  async function takenOver() {
    const ada = await seedUser(testApp);
    await new FormClient(testApp.app).submit('/forgot', { username: ADA });
    await deliver();
    const reset = await followLinkAndReset(
      new FormClient(testApp.app),
      readResetMail(sink.to(ADA).at(-1)!),
      NEW_PASSWORD,
    );
    expect(reset.headers.location).toBe('/login');
    const intruder = new FormClient(testApp.app);
    expect((await intruder.signIn(ADA, NEW_PASSWORD)).status).toBe(303);
    await deliver();
    const notice = sink.to(ADA).find((mail) => /changed/i.test(mail.subject ?? ''));
    return { ada, intruder, link: readSecureAccountLink(notice!) };
  }

  async function confirm(browser: FormClient) {
    return browser.submit('/secure-account', {});
  }

  test('when the user follows the link and confirms, then the account is suspended, signed out, its links and verifications void, audited and alerted', async () => {
    const { ada, intruder, link } = await takenOver();
    const { staff: agent } = await signedInStaff(testApp);
    const verification = await testApp.store.verifications.create(
      {
        targetId: ada.id,
        agentId: agent.id,
        channel: 'email',
        codeHash: 'f'.repeat(64),
        ticketRef: null,
        outboxId: null,
        codeExpiresAt: new Date(now.getTime() + 10 * MINUTE),
        maxAttempts: 3,
      },
      now,
    );
    await new FormClient(testApp.app).submit('/forgot', { username: ADA });
    await deliver();
    const openReset = readResetMail(sink.to(ADA).at(-1)!);

    const browser = new FormClient(testApp.app);
    const landing = await browser.get(link.linkPath);
    expect([landing.status, landing.headers.location]).toEqual([303, '/secure-account']);
    const page = await browser.get('/secure-account');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Secure your account?');
    expect(page.text).not.toContain(link.token);
    expect(page.text).not.toMatch(/ada@|Ada Lovelace|a•••/i);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');

    const done = await confirm(browser);
    expect(done.status).toBe(200);
    expect(done.text).toContain('Your account is locked');
    expect(done.text).toContain('the IT desk on extension 4242');
    expect(done.text).not.toMatch(/ada@|Ada Lovelace/i);
    expect(done.headers['cache-control']).toBe('no-store');
    expect((await browser.get('/account')).headers.location).toBe('/login');

    expect((await testApp.store.users.findById(ada.id))!.status).toBe('suspended');
    expect((await new FormClient(testApp.app).signIn(ADA, NEW_PASSWORD)).status).not.toBe(303);
    expect((await intruder.get('/account')).headers.location).toBe('/login');
    expect(await testApp.store.sessions.listByUser(ada.id, now)).toEqual([]);
    // The voided link leads to "request a new link", with no form to post the code to.
    const retryClient = new FormClient(testApp.app);
    await retryClient.get(openReset.linkPath);
    const retry = await retryClient.get('/reset');
    expect(retry.status).toBe(400);
    expect(retry.text).toContain('Request a new link');
    expect(retry.text).not.toContain('name="code"');
    expect(await testApp.store.verifications.findPending(ada.id, agent.id, now)).toBeNull();
    expect((await testApp.store.verifications.listRecentForUser(ada.id, 1))[0]).toMatchObject({
      id: verification.id,
      voidedAt: expect.any(Date),
    });

    const secured = await testApp.store.audit.list({ action: 'account.secured_by_user' }, 1, 10);
    expect(secured.items).toEqual([
      expect.objectContaining({
        actorId: null,
        targetId: ada.id,
        outcome: 'ok',
        details: expect.objectContaining({
          reason: 'reported_by_user',
          link: 'password_changed',
          statusFrom: 'active',
          revokedSessions: 1,
          voidedResetLinks: 1,
          voidedVerifications: 1,
        }),
      }),
    ]);
    const alerts = await testApp.store.securityAlerts.listUndismissed(agent.id, 10);
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'account_secured_by_user', targetId: ada.id, actorId: null }),
    ]);
    await deliver();
    const [alertMail, ...more] = sink
      .to(agent.username)
      .filter((mail) => /security alert/i.test(mail.subject ?? ''));
    expect(more).toEqual([]);
    expect(alertMail!.text).toContain('A user locked their account from a password-changed notice');
    expect(alertMail!.text).toContain('Ada Lovelace (ada@example.org)');
    expect(alertMail!.text).toContain(`https://desk.example.org/admin/users/${ada.id}`);
    expect(alertMail!.text).not.toContain(link.token);

    await testApp.store.close();
    const files = [dbFile, `${dbFile}-wal`]
      .filter(existsSync)
      .map((file) => readFileSync(file).toString('latin1'));
    for (const bytes of files) expect(bytes.includes(link.token)).toBe(false);
    expect(testApp.logs.lines.join('\n')).not.toContain(link.token);
  });

  test('when the link is confirmed a second time, then the generic invalid message is shown and nothing changes', async () => {
    const { ada, link } = await takenOver();
    const first = new FormClient(testApp.app);
    await first.get(link.linkPath);
    expect((await confirm(first)).status).toBe(200);
    const events = (await testApp.store.audit.list({ targetId: ada.id }, 1, 100)).total;

    const second = new FormClient(testApp.app);
    await second.get(link.linkPath);
    const page = await second.get('/secure-account');
    expect(page.status).toBe(400);
    expect(page.text).toContain(INVALID);
    expect(page.text).not.toContain('name="_csrf"');
    const again = await postWithoutForm(second);
    expect(again.status).toBe(400);
    expect(again.text).toContain(INVALID);
    expect((await testApp.store.audit.list({ targetId: ada.id }, 1, 100)).total).toBe(events);
    expect(await testApp.store.securityAlerts.listUndismissed('nobody', 10)).toHaveLength(1);
  });

  test('when the link is only opened (a mail scanner), then nothing changes', async () => {
    const { ada, intruder, link } = await takenOver();
    const scanner = new FormClient(testApp.app);
    await scanner.get(link.linkPath);
    expect((await scanner.get('/secure-account')).status).toBe(200);
    expect((await scanner.get('/secure-account')).status).toBe(200);

    expect((await testApp.store.users.findById(ada.id))!.status).toBe('active');
    expect((await intruder.get('/account')).status).toBe(200);
    expect((await testApp.store.audit.list({ action: 'account.secured_by_user' }, 1, 10)).total).toBe(0);
    // Still usable by its owner afterwards.
    const owner = new FormClient(testApp.app);
    await owner.get(link.linkPath);
    expect((await confirm(owner)).status).toBe(200);
  });

  test('when the link is older than 7 days, then it is refused with the same message and nothing changes', async () => {
    const { ada, link } = await takenOver();
    now = new Date(now.getTime() + 7 * DAY + MINUTE);
    const browser = new FormClient(testApp.app);
    await browser.get(link.linkPath);
    const page = await browser.get('/secure-account');
    expect(page.status).toBe(400);
    expect(page.text).toContain(INVALID);
    const posted = await postWithoutForm(browser);
    expect(posted.status).toBe(400);
    expect(posted.text).toContain(INVALID);
    expect((await testApp.store.users.findById(ada.id))!.status).toBe('active');
    expect((await testApp.store.audit.list({ action: 'account.secured_by_user' }, 1, 10)).total).toBe(0);
  });

  test('when confirmations from one network pass the limit, then they are refused with 429 before the link is looked at', async () => {
    await testApp.close();
    testApp = buildTestApp({ env: { SECURE_ACCOUNT_RATE_LIMIT: '2' } });
    const ada = await seedUser(testApp);
    const browser = new FormClient(testApp.app);
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push((await postWithoutForm(browser)).status);
    expect(answers).toEqual([400, 400, 429]);
    expect((await testApp.store.users.findById(ada.id))!.status).toBe('active');
  });

  test('when the link is unknown, malformed or missing, then the same message and status are shown', async () => {
    await takenOver();
    for (const path of [
      '/secure-account?token=not-a-real-token',
      '/secure-account?token[]=x',
      '/secure-account',
    ]) {
      const browser = new FormClient(testApp.app);
      const page = await browser.get(path).redirects(1);
      expect([path, page.status]).toEqual([path, 400]);
      expect(page.text).toContain(INVALID);
    }
  });
});

/** A confirmation POST with a valid CSRF token, for when the page shows no form (an unusable link). */
async function postWithoutForm(client: FormClient) {
  const page = await client.get('/forgot');
  return client.agent
    .post('/secure-account')
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
}
