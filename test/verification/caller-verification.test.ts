import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import type { User } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import { MINUTE } from '../../src/time';
import { confirmAction, generatedPasswordFrom, signedInStaff } from '../support/admin';
import type { FormClient } from '../support/form-client';
import { smtpDelivery } from '../support/reset-flow';
import { SmsGatewaySink } from '../support/sms-gateway';
import { SmtpSink } from '../support/smtp-sink';
import { localized } from '../support/i18n';
import { seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const ADA = 'ada@example.org';

/** The 6-digit code of a verification message, as the user reads it to the agent. */
function codeIn(text: string): string {
  const match = /\b(\d{6})\b/.exec(text);
  if (!match) throw new Error(`no code in:\n${text}`);
  return match[1]!;
}

function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

describe('caller verification before an admin reset', () => {
  let dir: string;
  let dbFile: string;
  let now: Date;
  let testApp: TestApp;
  let sink: SmtpSink;
  let gateway: SmsGatewaySink;
  let deliver: () => Promise<number>;

  async function build(env: Record<string, string>) {
    testApp = buildTestApp({
      store: openSqliteStore(dbFile),
      clock: () => now,
      env: { APP_URL: 'https://desk.example.org', SMS_GATEWAY_URL: gateway.url, ...env },
    });
    deliver = smtpDelivery(testApp, sink, gateway);
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-verify-'));
    dbFile = join(dir, 'store.db');
    now = new Date();
    sink = await new SmtpSink().start();
    gateway = await new SmsGatewaySink().start();
  });
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const userPage = (user: User) => `/admin/users/${user.id}`;
  const passwordHash = async (user: User) => (await testApp.store.users.findById(user.id))!.passwordHash;

  function sendCode(
    agent: FormClient,
    user: User,
    channel: 'email' | 'sms',
    fields: Record<string, string> = {},
  ) {
    return confirmAction(agent, `${userPage(user)}/verify`, { channel, ...fields });
  }

  /** Posts the confirm form of the verify page as the agent would, with that page's hidden fields. */
  async function typeCode(agent: FormClient, user: User, code: string) {
    const page = await agent.get(`${userPage(user)}/verify`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    return agent.agent
      .post(`${userPage(user)}/verify/confirm`)
      .set('Accept', 'text/html')
      .type('form')
      .send({ code, _csrf: csrf });
  }

  async function emailedCode(to: string): Promise<ParsedMail> {
    await deliver();
    const mail = sink
      .to(to)
      .filter((message) => message.subject === 'Your ResetDesk verification code')
      .at(-1);
    if (!mail) throw new Error('no verification mail');
    return mail;
  }

  async function oneClick(agent: FormClient, user: User) {
    return confirmAction(agent, `${userPage(user)}/reset-password`, { logoutSessions: 'on' });
  }

  test('when verification is required, then a reset waits for the code the caller reads back, once per verification', async () => {
    await build({ HELPDESK_VERIFICATION: 'required' });
    const ada = await seedUser(testApp, { username: ADA, displayName: 'Ada Lovelace' });
    const { client: grace, staff: graceUser } = await signedInStaff(testApp, 'admin');
    const before = await passwordHash(ada);

    const confirmPage = await grace.get(`${userPage(ada)}/reset-password`);
    expect(confirmPage.text).toContain('Verify the caller first');
    expect(confirmPage.text).toContain(`${userPage(ada)}/verify?next=reset-password`);
    const refused = await grace.agent
      .post(`${userPage(ada)}/reset-password`)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(confirmPage.text)![1]! });
    expect(refused.status).toBe(409);
    expect(await passwordHash(ada)).toBe(before);

    const sent = await sendCode(grace, ada, 'email', { ticketRef: 'INC0012345' });
    expect([sent.status, sent.headers.location]).toEqual([303, `${userPage(ada)}/verify`]);
    const mail = await emailedCode(ADA);
    expect(mail.text).toContain(`${graceUser.displayName} at your help desk`);
    expect(mail.text).toContain('only if you are on the phone with them right now');
    expect(mail.text).toMatch(/https:\/\/desk\.example\.org\/secure-account\?token=[\w-]{40,}/);
    const code = codeIn(mail.text!);

    const wrong = await typeCode(grace, ada, wrongCode(code));
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('2 attempts left');
    const right = await typeCode(grace, ada, code);
    expect([right.status, right.headers.location]).toEqual([303, userPage(ada)]);
    const detail = await grace.get(userPage(ada));
    expect(detail.text).toMatch(/Caller verified by Grace admin via email at [^<]+ UTC\./);

    const reset = await oneClick(grace, ada);
    expect(reset.status).toBe(200);
    const password = generatedPasswordFrom(reset.text);
    expect(reset.text).toContain('Caller verified.');
    expect(await passwordHash(ada)).not.toBe(before);
    const [written] = (await testApp.store.audit.list({ action: 'password.set_by_admin' }, 1, 1)).items;
    expect(written!.details).toMatchObject({ verified: true, verificationId: expect.any(String) });

    const second = await grace.get(`${userPage(ada)}/reset-password`);
    expect(second.text).toContain('Verify the caller first');

    const actions = (await testApp.store.audit.list({ targetId: ada.id }, 1, 50)).items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['verification.sent', 'verification.failed', 'verification.succeeded']),
    );
    // Read while open: the WAL file holds what the database file does not yet.
    const files = [dbFile, `${dbFile}-wal`]
      .filter(existsSync)
      .map((file) => readFileSync(file).toString('latin1'));
    for (const secret of [code, password]) {
      for (const bytes of files) expect(bytes.includes(secret)).toBe(false);
      expect(testApp.logs.lines.join('\n')).not.toContain(secret);
    }
  });

  test('when agent A verified the caller, then agent B still cannot reset, and an expired verification counts for no one', async () => {
    await build({ HELPDESK_VERIFICATION: 'required' });
    const ada = await seedUser(testApp, { username: ADA });
    const { client: grace } = await signedInStaff(testApp, 'admin');
    const { client: dee } = await signedInStaff(testApp, 'helpdesk');
    await sendCode(grace, ada, 'email');
    await typeCode(grace, ada, codeIn((await emailedCode(ADA)).text!));

    expect((await oneClick(dee, ada)).status).toBe(409);
    const deeTyped = await dee.get(`${userPage(ada)}/password`);
    expect(deeTyped.text).toContain('Verify the caller first');

    now = new Date(now.getTime() + 11 * MINUTE);
    expect((await oneClick(grace, ada)).status).toBe(409);
  });

  test('when the code goes by SMS, then it reaches the gateway and verifies the temporary-password text', async () => {
    await build({ HELPDESK_VERIFICATION: 'required' });
    const ada = await seedUser(testApp, { username: ADA, phone: '+966501234567' });
    const { client: grace } = await signedInStaff(testApp, 'admin');
    expect((await confirmAction(grace, `${userPage(ada)}/temp-password-sms`, {})).status).toBe(409);

    const sent = await sendCode(grace, ada, 'sms', { next: 'temp-password-sms' });
    expect(sent.headers.location).toBe(`${userPage(ada)}/verify?next=temp-password-sms`);
    await deliver();
    const [text] = gateway.received;
    expect(text!.to).toBe('+966501234567');
    expect(text!.body).toContain('Grace admin');
    const page = await grace.get(`${userPage(ada)}/verify?next=temp-password-sms`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const verified = await grace.agent
      .post(`${userPage(ada)}/verify/confirm`)
      .set('Accept', 'text/html')
      .type('form')
      .send({ code: codeIn(text!.body), next: 'temp-password-sms', _csrf: csrf });
    expect(verified.headers.location).toBe(`${userPage(ada)}/temp-password-sms`);

    const reset = await confirmAction(grace, `${userPage(ada)}/temp-password-sms`, {});
    expect(reset.status).toBe(303);
    const [event] = (await testApp.store.audit.list({ action: 'password.set_by_admin' }, 1, 1)).items;
    expect(event!.details).toMatchObject({ method: 'temp-password-sms', verified: true });
  });

  test('when the user reads Arabic and the agent Japanese, then the code mail is Arabic, and the code read back in full-width digits verifies', async () => {
    await build({ HELPDESK_VERIFICATION: 'required' });
    const ada = await seedUser(testApp, { username: ADA });
    await testApp.store.users.updateProfile(ada.id, { locale: 'ar' }, now);
    const { client: grace, staff } = await signedInStaff(testApp, 'admin');
    await testApp.store.users.updateProfile(staff.id, { locale: 'ja' }, now);
    const ar = localized('ar');

    await sendCode(grace, ada, 'email');
    await deliver();
    const mail = sink.to(ADA).find((message) => message.subject === ar.t('mail:verification_code.subject'));
    expect(mail).toBeDefined();
    expect(mail!.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail!.text).toContain(ar.t('mail:verification_code.asked', { agent: 'Grace admin' }));
    expect(`${mail!.text}${mail!.html}`).not.toMatch(/[\u3040-\u30ff]|Hello/);

    const fullWidth = codeIn(mail!.text!).replace(/\d/g, (digit) =>
      String.fromCodePoint(0xff10 + Number(digit)),
    );
    const verified = await typeCode(grace, ada, fullWidth);
    expect([verified.status, verified.headers.location]).toEqual([303, userPage(ada)]);
    expect((await grace.get(`${userPage(ada)}/verify`)).text).toContain(
      localized('ja').t('verification:page.title'),
    );
  });

  test('when the user reads Arabic, then the SMS code and the temporary password text are Arabic', async () => {
    await build({ HELPDESK_VERIFICATION: 'required' });
    const ada = await seedUser(testApp, { username: ADA, phone: '+966501234567' });
    await testApp.store.users.updateProfile(ada.id, { locale: 'ar', timeZone: 'Asia/Riyadh' }, now);
    const { client: grace } = await signedInStaff(testApp, 'admin');

    await sendCode(grace, ada, 'sms', { next: 'temp-password-sms' });
    await deliver();
    const [codeText] = gateway.received;
    expect(codeText!.body).toContain('الدعم الفني');
    expect(codeText!.body).not.toContain('help desk');
    expect((await typeCode(grace, ada, codeIn(codeText!.body))).status).toBe(303);

    expect((await confirmAction(grace, `${userPage(ada)}/temp-password-sms`, {})).status).toBe(303);
    await deliver();
    const password = gateway.received.at(-1)!;
    expect(password.body).toMatch(/^كلمة المرور المؤقتة في ResetDesk:\n/);
    expect(password.body).toContain('غرينتش+3');
  });

  test('when the policy is the default (privileged), then a help-desk account needs a verified caller and a member is reset marked unverified', async () => {
    await build({});
    const dee = await seedUser(testApp, {
      username: 'dee@example.org',
      roles: ['helpdesk'],
      userType: 'admin_staff',
    });
    const ada = await seedUser(testApp, { username: ADA });
    const { client: grace } = await signedInStaff(testApp, 'admin');

    expect((await oneClick(grace, dee)).status).toBe(409);
    const member = await oneClick(grace, ada);
    expect(member.status).toBe(200);
    expect(member.text).toContain('Caller not verified.');
    const [event] = (await testApp.store.audit.list({ action: 'password.set_by_admin' }, 1, 1)).items;
    expect(event).toMatchObject({ targetId: ada.id, details: { verified: false, verificationId: null } });
    expect((await grace.get(`/admin/audit?target=${ada.id}`)).text).toContain('Caller not verified');
    const detail = await grace.get(userPage(ada));
    expect(detail.text).toMatch(/data-testid="event-caller">Not verified</);
  });

  test('when three wrong codes are typed, then the verification ends and every other admin is alerted', async () => {
    await build({ HELPDESK_VERIFICATION: 'required' });
    const ada = await seedUser(testApp, { username: ADA });
    const { client: grace } = await signedInStaff(testApp, 'admin');
    const { staff: alan } = await signedInStaff(testApp, 'admin', {
      username: 'alan@example.org',
      displayName: 'Alan Admin',
    });
    await sendCode(grace, ada, 'email');
    const code = codeIn((await emailedCode(ADA)).text!);
    expect((await typeCode(grace, ada, wrongCode(code))).text).toContain('2 attempts left');
    expect((await typeCode(grace, ada, wrongCode(code))).text).toContain('1 attempt left');
    expect((await typeCode(grace, ada, wrongCode(code))).text).toContain('it was the last attempt');
    expect((await typeCode(grace, ada, code)).text).toContain('There is no code waiting');

    await deliver();
    const alerts = sink.to(alan.username).filter((mail) => /security alert/i.test(mail.subject ?? ''));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain('Caller verification failed repeatedly');
    expect(
      (await testApp.store.securityAlerts.listUndismissed(alan.id, 10)).map((alert) => alert.kind),
    ).toEqual(['verification_failures']);
  });

  test('when an admin who reads Japanese is alerted, then the alert mail is Japanese, whatever the agent reads', async () => {
    await build({ HELPDESK_VERIFICATION: 'required' });
    const ada = await seedUser(testApp, { username: ADA });
    const { client: grace, staff: graceUser } = await signedInStaff(testApp, 'admin');
    await testApp.store.users.updateProfile(graceUser.id, { locale: 'ar' }, now);
    const { staff: alan } = await signedInStaff(testApp, 'admin', { username: 'alan@example.org' });
    await testApp.store.users.updateProfile(alan.id, { locale: 'ja', timeZone: 'Asia/Tokyo' }, now);
    await sendCode(grace, ada, 'email');
    const code = codeIn((await emailedCode(ADA)).text!);
    for (let attempt = 0; attempt < 3; attempt++) await typeCode(grace, ada, wrongCode(code));

    await deliver();
    const ja = localized('ja', 'Asia/Tokyo');
    const [alert] = sink
      .to(alan.username)
      .filter((mail) => mail.subject?.startsWith('ResetDesk セキュリティ警告'));
    expect(alert).toBeDefined();
    expect(alert!.html).toContain('<html lang="ja" dir="ltr">');
    expect(alert!.text).toContain(ja.t('alerts:kinds.verification_failures'));
    expect(alert!.text).toContain('JST');
    expect(alert!.text).not.toMatch(/[\u0600-\u06ff]/);
  });

  test('when an admin records an in-person check, then it needs the permission and a note, is audited with it and announced', async () => {
    await build({ HELPDESK_VERIFICATION: 'required' });
    const ada = await seedUser(testApp, { username: ADA });
    const { client: grace, staff: graceUser } = await signedInStaff(testApp, 'admin');
    const { client: dee } = await signedInStaff(testApp, 'helpdesk');
    const { staff: alan } = await signedInStaff(testApp, 'admin', {
      username: 'alan@example.org',
      displayName: 'Alan Admin',
    });

    expect((await dee.get(`${userPage(ada)}/verify`)).text).not.toContain('Verified in person');
    const deeTry = await dee.agent
      .post(`${userPage(ada)}/verify/in-person`)
      .set('Accept', 'text/html')
      .type('form')
      .send({
        note: 'looked fine',
        _csrf: /name="_csrf" value="([^"]+)"/.exec((await dee.get('/account')).text)![1]!,
      });
    expect(deeTry.status).toBe(403);

    const page = await grace.get(`${userPage(ada)}/verify`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const post = (note: string) =>
      grace.agent
        .post(`${userPage(ada)}/verify/in-person`)
        .set('Accept', 'text/html')
        .type('form')
        .send({ note, _csrf: csrf });
    const empty = await post('   ');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Say what you checked');
    expect((await post('Photo ID checked at the front desk')).status).toBe(303);

    const [event] = (await testApp.store.audit.list({ action: 'verification.in_person' }, 1, 1)).items;
    expect(event).toMatchObject({
      actorId: graceUser.id,
      targetId: ada.id,
      details: { note: 'Photo ID checked at the front desk' },
    });
    expect((await oneClick(grace, ada)).status).toBe(200);
    await deliver();
    const alerts = sink.to(alan.username).filter((mail) => /security alert/i.test(mail.subject ?? ''));
    expect(alerts.map((mail) => mail.text)).toEqual([expect.stringContaining('verified in person')]);
  });

  test('when codes are requested too often for one account, then the next is refused with a wait and no message goes out', async () => {
    await build({ HELPDESK_VERIFICATION: 'required', VERIFICATION_SENDS_PER_TARGET_HOUR: '2' });
    const ada = await seedUser(testApp, { username: ADA });
    const { client: grace } = await signedInStaff(testApp, 'admin');
    expect((await sendCode(grace, ada, 'email')).status).toBe(303);
    expect((await sendCode(grace, ada, 'email')).status).toBe(303);
    const third = await sendCode(grace, ada, 'email');
    expect(third.status).toBe(429);
    expect(third.text).toMatch(
      /Too many codes were sent for this account or by you\. Try again in \d+ minutes?\./,
    );
    expect(await deliver()).toBe(2);
  });

  test('when the channel is missing or unavailable, or the ticket is required and missing, then it is refused naming the field and nothing is sent', async () => {
    await build({
      HELPDESK_VERIFICATION: 'required',
      TICKET_REF: 'required',
      TICKET_REF_PATTERN: '^INC[0-9]{7}$',
    });
    const ada = await seedUser(testApp, { username: ADA, phone: null });
    const { client: grace } = await signedInStaff(testApp, 'admin');
    expect((await sendCode(grace, ada, 'fax' as 'sms', { ticketRef: 'INC0012345' })).status).toBe(400);
    const noPhone = await sendCode(grace, ada, 'sms', { ticketRef: 'INC0012345' });
    expect(noPhone.status).toBe(409);
    expect(noPhone.text).toContain('No text message can be sent');
    const noTicket = await sendCode(grace, ada, 'email');
    expect(noTicket.status).toBe(400);
    expect(noTicket.text).toContain('Enter the ticket reference, like INC0012345.');
    expect(await deliver()).toBe(0);
    expect((await testApp.store.audit.list({ action: 'verification.sent' }, 1, 1)).total).toBe(0);
  });

  test('when verification is off, then there is no step, no menu item and resets go through', async () => {
    await build({ HELPDESK_VERIFICATION: 'off' });
    const dee = await seedUser(testApp, {
      username: 'dee@example.org',
      roles: ['helpdesk'],
      userType: 'admin_staff',
    });
    const { client: grace } = await signedInStaff(testApp, 'admin');
    expect((await grace.get(`${userPage(dee)}/verify`)).status).toBe(404);
    const detail = await grace.get(userPage(dee));
    expect(detail.text).not.toContain('Verify caller');
    expect((await oneClick(grace, dee)).status).toBe(200);
  });
});
