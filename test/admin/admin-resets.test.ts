import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { User } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import { answerOneClick, confirmAction, generatedPasswordFrom, signedInStaff } from '../support/admin';
import { csrfFrom, FormClient } from '../support/form-client';
import { followLinkAndReset, readResetMail, smtpDelivery } from '../support/reset-flow';
import { SmsGatewaySink } from '../support/sms-gateway';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD, STRONG_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const ADA = 'ada@example.org';
const TYPED_PASSWORD = 'Harbor-Quartz-91-Lantern!';
const ACTION_PATHS = ['reset-link', 'reset-password', 'temp-password-sms', 'password', 'sessions/revoke'];

describe('admin resets from a user page: the four methods and signing out', () => {
  let dir: string;
  let dbFile: string;
  let testApp: TestApp;
  let sink: SmtpSink;
  let gateway: SmsGatewaySink;
  let deliver: () => Promise<number>;
  let admin: FormClient;
  let adminUser: User;

  async function start(env: Record<string, string> = {}, clock?: () => Date) {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-admin-'));
    dbFile = join(dir, 'store.db');
    sink = await new SmtpSink().start();
    gateway = await new SmsGatewaySink().start();
    testApp = buildTestApp({
      store: openSqliteStore(dbFile),
      env: { APP_URL: 'https://desk.example.org', ...env },
      ...(clock && { clock }),
    });
    deliver = smtpDelivery(testApp, sink, gateway);
    ({ client: admin, staff: adminUser } = await signedInStaff(testApp, 'admin'));
  }
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Ada, signed in on one device, so revocation can be observed. */
  async function adaSignedIn(overrides: Parameters<typeof seedUser>[1] = {}) {
    const ada = await seedUser(testApp, { phone: '+966501234567', ...overrides });
    const device = new FormClient(testApp.app);
    expect((await device.signIn(ADA, STRONG_PASSWORD)).status).toBe(303);
    return { ada, device };
  }

  /** Still signed in, possibly sent to change the temporary password first. */
  async function isSignedIn(client: FormClient) {
    const account = await client.get('/account');
    return account.status === 200 || account.headers.location === '/account/password';
  }

  async function expectForcedChangeWith(password: string) {
    const fresh = new FormClient(testApp.app);
    const signIn = await fresh.signIn(ADA, password);
    expect([signIn.status, signIn.headers.location]).toEqual([303, '/account/password']);
    expect((await fresh.get('/account')).headers.location).toBe('/account/password');
    expect((await new FormClient(testApp.app).signIn(ADA, STRONG_PASSWORD)).status).toBe(401);
  }

  async function auditFor(ada: User) {
    return (await testApp.store.audit.list({ targetId: ada.id }, 1, 100)).items;
  }

  /** The admin's stored sessions whose data holds `key` (the sealed handover is never there in clear). */
  async function sessionsHolding(key: string) {
    const sessions = await testApp.store.sessions.listByUser(adminUser.id, new Date());
    return sessions.filter((session) => session.data.includes(key)).length;
  }

  async function adminNotices() {
    await deliver();
    return sink.to(ADA).filter((mail) => /was changed/.test(mail.subject ?? ''));
  }

  describe('given the default configuration', () => {
    beforeEach(() => start());

    test('Send reset link: the self-service mail goes to the username address, the user resets with link + code, the audit names the admin', async () => {
      const { ada, device } = await adaSignedIn({ contactEmail: 'ada.home@example.net' });
      const confirm = await admin.get(`/admin/users/${ada.id}/reset-link`);
      expect(confirm.text).toContain('This cannot be undone');
      expect(confirm.text).toContain(ADA);

      const sent = await confirmAction(admin, `/admin/users/${ada.id}/reset-link`);
      expect([sent.status, sent.headers.location]).toEqual([303, `/admin/users/${ada.id}`]);
      await deliver();
      expect(sink.to('ada.home@example.net')).toHaveLength(0);
      const mail = readResetMail(sink.to(ADA)[0]!);
      expect(
        (await followLinkAndReset(new FormClient(testApp.app), mail, NEW_PASSWORD)).headers.location,
      ).toBe('/login');
      expect((await new FormClient(testApp.app).signIn(ADA, NEW_PASSWORD)).headers.location).toBe('/');
      expect(await isSignedIn(device)).toBe(false);

      const requested = (await auditFor(ada)).find((event) => event.action === 'reset.requested')!;
      expect(requested).toMatchObject({ actorId: adminUser.id, outcome: 'sent', channel: 'email' });
      const [request] = await testApp.store.resetRequests.listRecentForUser(ada.id, 1);
      expect(request).toMatchObject({ requestedBy: adminUser.id, purpose: 'reset' });
    });

    test('one-click reset as in seed 000: Yes sets it at once, the dialog shows it with no-store, Confirm emails it and ends the sessions, nothing stores it in clear', async () => {
      const { ada, device } = await adaSignedIn();
      const result = await confirmAction(admin, `/admin/users/${ada.id}/reset-password`);
      expect(result.status).toBe(200);
      expect(result.headers['cache-control']).toBe('no-store');
      expect(result.text).toContain('Password reset successful');
      expect(result.text).toMatch(/id="sendEmail"[^>]*checked/);
      expect(result.text).toMatch(/id="logoutSessions"[^>]*checked/);
      const password = generatedPasswordFrom(result.text);
      expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      expect((await testApp.store.users.findById(ada.id))!.passwordHash).not.toBe(ada.passwordHash);
      expect(await isSignedIn(device)).toBe(true);
      expect(await sessionsHolding('oneClickHandover')).toBe(1);

      const confirmed = await answerOneClick(admin, result.text, ada.id, 'confirm', {
        sendEmail: 'on',
        logoutSessions: 'on',
      });
      expect([confirmed.status, confirmed.headers.location]).toEqual([303, `/admin/users/${ada.id}`]);
      expect((await admin.get(`/admin/users/${ada.id}`)).text).toContain(
        `The new password was queued by email to ${ADA}. 1 session was signed out.`,
      );
      expect(await sessionsHolding('oneClickHandover')).toBe(0);
      expect(await isSignedIn(device)).toBe(false);
      await expectForcedChangeWith(password);
      const stored = (await testApp.store.users.findById(ada.id))!;
      expect(stored.passwordExpiresAt!.getTime() - Date.now()).toBeGreaterThan(71 * 3600_000);

      await deliver();
      const emailed = sink.to(ADA).find((mail) => /temporary/.test(mail.subject ?? ''))!;
      expect(emailed.text).toContain(password);
      const [notice] = await adminNotices();
      expect(notice!.text).toContain('by an administrator');
      expect(notice!.text).toContain('This wasn’t me');
      expect(notice!.text).not.toContain(password);

      const events = await auditFor(ada);
      expect(events.find((event) => event.action === 'password.set_by_admin')).toMatchObject({
        actorId: adminUser.id,
        details: { method: 'reset-password', logoutSessions: false, sessionsRevoked: 0 },
      });
      expect(events.find((event) => event.action === 'password.handed_over')).toMatchObject({
        actorId: adminUser.id,
        outcome: 'confirmed',
        details: { emailed: true, logoutSessions: true, sessionsRevoked: 1 },
      });
      expect(JSON.stringify(events)).not.toContain(password);
      expect(testApp.logs.lines.join('')).not.toContain(password);
      const files = [dbFile, `${dbFile}-wal`].filter((file) => existsSync(file));
      expect(files.some((file) => readFileSync(file).includes(password))).toBe(false);

      const again = await answerOneClick(admin, result.text, ada.id, 'confirm', { sendEmail: 'on' });
      expect(again.status).toBe(303);
      expect((await admin.get(`/admin/users/${ada.id}`)).text).toContain('can no longer be sent from here');
      await deliver();
      expect(sink.to(ADA).filter((mail) => /temporary/.test(mail.subject ?? ''))).toHaveLength(1);
    });

    test('one-click Close: nothing is sent, the sessions stay, the close is audited and the sealed password leaves the session', async () => {
      const { ada, device } = await adaSignedIn();
      const result = await confirmAction(admin, `/admin/users/${ada.id}/reset-password`);
      const closed = await answerOneClick(admin, result.text, ada.id, 'close', {
        sendEmail: 'on',
        logoutSessions: 'on',
      });
      expect(closed.status).toBe(303);
      expect((await admin.get(`/admin/users/${ada.id}`)).text).toContain(
        'Closed: nothing was emailed and no session was ended.',
      );
      expect(await sessionsHolding('oneClickHandover')).toBe(0);
      expect(await isSignedIn(device)).toBe(true);
      expect(await deliver()).toBeGreaterThanOrEqual(0);
      expect(sink.to(ADA).filter((mail) => /temporary/.test(mail.subject ?? ''))).toHaveLength(0);
      expect((await auditFor(ada)).find((event) => event.action === 'password.handed_over')).toMatchObject({
        outcome: 'closed',
        details: { emailed: false, logoutSessions: false, sessionsRevoked: 0 },
      });
      await expectForcedChangeWith(generatedPasswordFrom(result.text));
    });

    test('one-click Confirm with both toggles off leaves the old sessions signed in and sends nothing', async () => {
      const { ada, device } = await adaSignedIn();
      const result = await confirmAction(admin, `/admin/users/${ada.id}/reset-password`);
      expect((await answerOneClick(admin, result.text, ada.id, 'confirm')).status).toBe(303);
      expect(await isSignedIn(device)).toBe(true);
      await deliver();
      expect(sink.to(ADA).filter((mail) => /temporary/.test(mail.subject ?? ''))).toHaveLength(0);
      await expectForcedChangeWith(generatedPasswordFrom(result.text));
    });

    test('a one-click answer without Confirm or Close is a 400 and keeps the password for the real answer', async () => {
      const { ada } = await adaSignedIn();
      const result = await confirmAction(admin, `/admin/users/${ada.id}/reset-password`);
      const odd = await admin.agent
        .post(`/admin/users/${ada.id}/reset-password/handover`)
        .set('Accept', 'text/html')
        .type('form')
        .send({ _csrf: csrfFrom(result.text), decision: 'maybe' });
      expect(odd.status).toBe(400);
      expect(odd.text).toContain('Choose Confirm or Close.');
      expect(await sessionsHolding('oneClickHandover')).toBe(1);
    });

    test('the one-click result cannot be shown twice: resubmitting the same form says it is no longer available and changes nothing', async () => {
      const { ada } = await adaSignedIn();
      const page = await admin.get(`/admin/users/${ada.id}/reset-password`);
      const nonce = /name="nonce" value="([^"]+)"/.exec(page.text)![1]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const post = () =>
        admin.agent
          .post(`/admin/users/${ada.id}/reset-password`)
          .set('Accept', 'text/html')
          .type('form')
          .send({ _csrf: csrf, nonce });
      const first = await post();
      const password = generatedPasswordFrom(first.text);
      const hashAfterFirst = (await testApp.store.users.findById(ada.id))!.passwordHash;

      const again = await post();
      expect(again.status).toBe(410);
      expect(again.headers['cache-control']).toBe('no-store');
      expect(again.text).toContain('No longer available');
      expect(again.text).not.toContain('generated-password');
      expect((await testApp.store.users.findById(ada.id))!.passwordHash).toBe(hashAfterFirst);
      await expectForcedChangeWith(password);
    });

    test('a parent with a national ID: the one-click password is the national ID, then a change is required', async () => {
      const { ada } = await adaSignedIn({ userType: 'parent', nationalId: '2123456789' });
      const result = await confirmAction(admin, `/admin/users/${ada.id}/reset-password`, {
        logoutSessions: 'on',
      });
      expect(generatedPasswordFrom(result.text)).toBe('2123456789');
      await expectForcedChangeWith('2123456789');
    });

    test('a parent without a national ID: a clear error, and the password, sessions and outbox are untouched', async () => {
      const { ada, device } = await adaSignedIn({ userType: 'parent' });
      const menu = await admin.get(`/admin/users/${ada.id}/reset-password`);
      expect(menu.text).toContain('no national ID (IQAMA) on file');

      const result = await confirmAction(admin, `/admin/users/${ada.id}/reset-password`, {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(menu.text)![1]!,
        logoutSessions: 'on',
      });
      expect(result.status).toBe(409);
      expect(result.text).toContain('no national ID (IQAMA) on file');
      expect((await testApp.store.users.findById(ada.id))!.passwordHash).toBe(ada.passwordHash);
      expect(await isSignedIn(device)).toBe(true);
      expect(await deliver()).toBe(0);
    });

    test('temporary password by SMS: the gateway receives it, the confirmation shows the delivery status, the user signs in and must change it', async () => {
      const { ada, device } = await adaSignedIn();
      const queued = await confirmAction(admin, `/admin/users/${ada.id}/temp-password-sms`, {
        logoutSessions: 'on',
      });
      expect(queued.status).toBe(303);
      const statusPage = queued.headers.location!;
      expect(statusPage).toMatch(new RegExp(`^/admin/users/${ada.id}/deliveries/`));
      const before = await admin.get(statusPage);
      const polled = await admin.get(`${statusPage}/status`);
      expect([polled.status, polled.headers['cache-control']]).toEqual([200, 'no-store']);
      expect(polled.body).toMatchObject({ state: 'queued', label: 'Queued', attempts: 0 });
      expect(before.text).toContain('queued by SMS');
      expect(before.text).toMatch(/data-state="queued"/);
      expect(before.text).toContain('••••••567');
      expect(before.text).not.toContain('+966501234567');

      await deliver();
      expect(gateway.received).toHaveLength(1);
      expect(gateway.received[0]!.to).toBe('+966501234567');
      const password = /temporary password:\n(\S+)\n/.exec(gateway.received[0]!.body)![1]!;
      expect((await admin.get(statusPage)).text).toMatch(/data-state="sent"/);
      expect((await admin.get(`${statusPage}/status`)).body).toMatchObject({ state: 'sent', attempts: 1 });
      expect(await isSignedIn(device)).toBe(false);
      await expectForcedChangeWith(password);

      const outboxId = statusPage.split('/').pop()!;
      expect(await testApp.store.outbox.findById(outboxId)).toMatchObject({ status: 'sent', payload: null });
      expect(JSON.stringify(await auditFor(ada))).not.toContain(password);
      expect((await adminNotices())[0]!.text).toContain('by an administrator');

      // The same message is not shown under another account's URL.
      const other = await seedUser(testApp, { username: 'grace.other@example.org' });
      const elsewhere = await admin.get(`/admin/users/${other.id}/deliveries/${outboxId}`);
      expect([elsewhere.status, elsewhere.text]).toEqual([404, expect.stringContaining('no such message')]);
      expect((await admin.get(`/admin/users/${other.id}/deliveries/${outboxId}/status`)).status).toBe(404);
    });

    test('temporary password by SMS without a phone number: a clear error and nothing changes', async () => {
      const { ada } = await adaSignedIn({ phone: null });
      const page = await admin.get(`/admin/users/${ada.id}/temp-password-sms`);
      expect(page.text).toContain('No phone number on file');
      const result = await confirmAction(admin, `/admin/users/${ada.id}/temp-password-sms`, {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!,
      });
      expect(result.status).toBe(409);
      expect(result.text).toContain('No phone number on file');
      expect((await testApp.store.users.findById(ada.id))!.passwordHash).toBe(ada.passwordHash);
      expect(await deliver()).toBe(0);
    });

    test('Set password: the policy applies (weak, mismatch, the user’s own name), a valid one works and forces a change by default', async () => {
      const { ada, device } = await adaSignedIn();
      const path = `/admin/users/${ada.id}/password`;
      const weak = await confirmAction(admin, path, {
        password: 'password1',
        confirmPassword: 'password1',
        mustChangePassword: 'on',
      });
      expect(weak.status).toBe(400);
      expect(weak.text).toContain('aria-invalid="true"');
      const mismatch = await confirmAction(admin, path, {
        password: TYPED_PASSWORD,
        confirmPassword: `${TYPED_PASSWORD}x`,
      });
      expect(mismatch.status).toBe(400);
      const current = await confirmAction(admin, path, {
        password: STRONG_PASSWORD,
        confirmPassword: STRONG_PASSWORD,
      });
      expect(current.status).toBe(400);
      expect((await testApp.store.users.findById(ada.id))!.passwordHash).toBe(ada.passwordHash);

      const saved = await confirmAction(admin, path, {
        password: TYPED_PASSWORD,
        confirmPassword: TYPED_PASSWORD,
        mustChangePassword: 'on',
      });
      expect([saved.status, saved.headers.location]).toEqual([303, `/admin/users/${ada.id}`]);
      expect(await isSignedIn(device)).toBe(true);
      await expectForcedChangeWith(TYPED_PASSWORD);
      expect((await adminNotices())[0]!.text).toContain('by an administrator');
    });

    test('Set password without "must change" and with sessions logged out: the user signs straight in, old sessions end', async () => {
      const { ada, device } = await adaSignedIn();
      await confirmAction(admin, `/admin/users/${ada.id}/password`, {
        password: TYPED_PASSWORD,
        confirmPassword: TYPED_PASSWORD,
        logoutSessions: 'on',
      });
      expect(await isSignedIn(device)).toBe(false);
      expect((await new FormClient(testApp.app).signIn(ADA, TYPED_PASSWORD)).headers.location).toBe('/');
      expect((await testApp.store.users.findById(ada.id))!.passwordExpiresAt).toBeNull();
    });

    test('Sign out all sessions ends every session of the user and is audited with the admin as actor', async () => {
      const { ada, device } = await adaSignedIn();
      const other = new FormClient(testApp.app);
      await other.signIn(ADA, STRONG_PASSWORD);
      const done = await confirmAction(admin, `/admin/users/${ada.id}/sessions/revoke`);
      expect([done.status, done.headers.location]).toEqual([303, `/admin/users/${ada.id}`]);
      expect(await isSignedIn(device)).toBe(false);
      expect(await isSignedIn(other)).toBe(false);
      expect((await auditFor(ada)).find((event) => event.action === 'sessions.revoked')).toMatchObject({
        actorId: adminUser.id,
        details: { revoked: 2, scope: 'all' },
      });
    });

    test.each(['suspended', 'deleted'] as const)(
      'a %s account is refused by every option with a clear message, and nothing changes',
      async (status) => {
        const { ada } = await adaSignedIn();
        await testApp.store.users.setStatus(ada.id, status, new Date());
        for (const path of ACTION_PATHS) {
          const page = await admin.get(`/admin/users/${ada.id}/${path}`);
          expect(page.text).toContain(`This account is ${status}`);
          const result = await confirmAction(admin, `/admin/users/${ada.id}/${path}`, {
            _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!,
            password: TYPED_PASSWORD,
            confirmPassword: TYPED_PASSWORD,
            logoutSessions: 'on',
          });
          expect([path, result.status]).toEqual([path, 409]);
          expect(result.text).toContain('only active or pending accounts');
        }
        const after = (await testApp.store.users.findById(ada.id))!;
        expect([after.passwordHash, after.sessionVersion]).toEqual([ada.passwordHash, ada.sessionVersion]);
        expect(await testApp.store.resetRequests.listRecentForUser(ada.id, 5)).toHaveLength(0);
        expect(await deliver()).toBe(0);
        expect((await testApp.store.sessions.listByUser(ada.id, new Date())).length).toBe(1);
      },
    );

    test('an admin cannot use these options on their own account', async () => {
      for (const path of ACTION_PATHS) {
        const page = await admin.get(`/admin/users/${adminUser.id}/${path}`);
        expect([path, page.status]).toEqual([path, 403]);
        expect(page.text).toContain('Change password');
      }
    });

    test('a pending account that never had a password gets an invitation instead of a reset mail', async () => {
      const pending = await seedUser(testApp, { status: 'pending', passwordHash: null });
      await confirmAction(admin, `/admin/users/${pending.id}/reset-link`);
      await deliver();
      expect(sink.to(ADA)[0]!.subject).toBe('Set up your ResetDesk account');
      const mail = readResetMail(sink.to(ADA)[0]!);
      await followLinkAndReset(new FormClient(testApp.app), mail, NEW_PASSWORD);
      expect((await testApp.store.users.findById(pending.id))!.status).toBe('active');
    });

    test('a pending account given a temporary password becomes active once the user chooses their own', async () => {
      const pending = await seedUser(testApp, { status: 'pending', passwordHash: null });
      const result = await confirmAction(admin, `/admin/users/${pending.id}/reset-password`);
      const user = new FormClient(testApp.app);
      await user.signIn(ADA, generatedPasswordFrom(result.text));
      expect((await testApp.store.users.findById(pending.id))!.status).toBe('pending');
      const changed = await user.submit('/account/password', {
        currentPassword: generatedPasswordFrom(result.text),
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      });
      expect(changed.headers.location).toBe('/account');
      expect((await testApp.store.users.findById(pending.id))!.status).toBe('active');
    });

    test('bad input: an unknown user id is a 404 page, a missing CSRF token a 403, repeated fields a 400 that changes nothing', async () => {
      expect((await admin.get('/admin/users/no-such-id/reset-password')).status).toBe(404);
      const { ada, device } = await adaSignedIn();
      const noCsrf = await admin.agent.post(`/admin/users/${ada.id}/sessions/revoke`).type('form').send({});
      expect(noCsrf.status).toBe(403);
      const page = await admin.get(`/admin/users/${ada.id}/reset-password`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const repeated = await admin.agent
        .post(`/admin/users/${ada.id}/reset-password`)
        .type('form')
        .send(`_csrf=${encodeURIComponent(csrf)}&logoutSessions=on&logoutSessions=on`);
      expect(repeated.status).toBe(400);
      expect(repeated.text).toContain('The field “logoutSessions” must be sent once, as plain text.');
      expect(await isSignedIn(device)).toBe(true);
    });
  });

  describe('given a clock the test moves', () => {
    let now: Date;
    beforeEach(() => {
      now = new Date('2100-01-01T09:00:00Z');
      return start({}, () => now);
    });

    test('an unanswered one-click dialog: after 5 minutes the sealed password leaves the session on the next request and Confirm sends nothing', async () => {
      const { ada, device } = await adaSignedIn();
      const result = await confirmAction(admin, `/admin/users/${ada.id}/reset-password`);
      expect(await sessionsHolding('oneClickHandover')).toBe(1);
      now = new Date(now.getTime() + 5 * 60_000 + 1);
      expect((await admin.get('/admin/users')).status).toBe(200);
      expect(await sessionsHolding('oneClickHandover')).toBe(0);

      await answerOneClick(admin, result.text, ada.id, 'confirm', { sendEmail: 'on', logoutSessions: 'on' });
      expect((await admin.get(`/admin/users/${ada.id}`)).text).toContain('can no longer be sent from here');
      expect(await isSignedIn(device)).toBe(true);
      await deliver();
      expect(sink.to(ADA).filter((mail) => /temporary/.test(mail.subject ?? ''))).toHaveLength(0);
    });

    test('an unused temporary password stops working after TEMP_PASSWORD_TTL_HOURS (72)', async () => {
      const ada = await seedUser(testApp);
      const result = await confirmAction(admin, `/admin/users/${ada.id}/reset-password`);
      const password = generatedPasswordFrom(result.text);
      now = new Date(now.getTime() + 71 * 3600_000);
      expect((await new FormClient(testApp.app).signIn(ADA, password)).status).toBe(303);
      now = new Date(now.getTime() + 2 * 3600_000);
      const expired = await new FormClient(testApp.app).signIn(ADA, password);
      expect(expired.status).toBe(401);
      expect(expired.text).toContain('This temporary password has expired');
    });
  });

  describe('given ADMIN_KNOWS_PASSWORD=off', () => {
    beforeEach(() => start({ ADMIN_KNOWS_PASSWORD: 'off' }));

    test('every option that shows or chooses a password is gone; Send reset link and Sign out remain', async () => {
      const { ada } = await adaSignedIn();
      for (const path of ['reset-password', 'temp-password-sms', 'password']) {
        expect([path, (await admin.get(`/admin/users/${ada.id}/${path}`)).status]).toEqual([path, 404]);
      }
      expect((await admin.get(`/admin/users/${ada.id}/reset-link`)).status).toBe(200);
      expect((await admin.get(`/admin/users/${ada.id}/sessions/revoke`)).status).toBe(200);
    });
  });

  describe('given SMTP but no SMS gateway (no text message can reach anyone)', () => {
    beforeEach(() => start({ SMTP_URL: 'smtp://127.0.0.1:2525' }));

    test('the SMS option is disabled with the reason, and a forged POST is refused with nothing changed', async () => {
      const { ada } = await adaSignedIn();
      const detail = await admin.get(`/admin/users/${ada.id}`);
      expect(detail.text).toMatch(
        /data-action="temp-password-sms">[^<]+<\/span>\s*<span class="menu__reason"[^>]*>Text messages cannot be sent/,
      );
      const result = await confirmAction(admin, `/admin/users/${ada.id}/temp-password-sms`, {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(detail.text)![1]!,
        logoutSessions: 'on',
      });
      expect(result.status).toBe(409);
      expect(result.text).toContain('no SMS gateway is set up');
      const after = (await testApp.store.users.findById(ada.id))!;
      expect([after.passwordHash, after.sessionVersion]).toEqual([ada.passwordHash, ada.sessionVersion]);
      expect(await deliver()).toBe(0);
    });
  });
});
