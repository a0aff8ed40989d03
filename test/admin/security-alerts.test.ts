import type { ParsedMail } from 'mailparser';
import { confirmAction, generatedPasswordFrom, signedInStaff } from '../support/admin';
import { csrfFrom } from '../support/form-client';
import { localized } from '../support/i18n';
import { smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const DESK = 'desk@example.org';

/** Alert mails in any language: the subject of each catalog's alert. */
const alertMails = (mails: ParsedMail[]) =>
  mails.filter((mail) => /security alert|تنبيه أمني|セキュリティ警告/i.test(mail.subject ?? ''));

const alertIds = (html: string) => [...html.matchAll(/data-alert-id="([^"]+)"/g)].map((match) => match[1]!);

describe('security alerts to the admins: mail to every active admin and a panel on the home page', () => {
  let testApp: TestApp;
  let sink: SmtpSink;
  let deliver: () => Promise<number>;

  async function build(env: Record<string, string> = {}) {
    sink = await new SmtpSink().start();
    // Caller verification has its own suite; here the resets go straight through.
    testApp = buildTestApp({
      env: { APP_URL: 'https://desk.example.org', HELPDESK_VERIFICATION: 'optional', ...env },
    });
    deliver = smtpDelivery(testApp, sink);
  }
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
  });

  /** Grace (acting admin), Alan (another admin), a suspended admin, and the help-desk agent Dee. */
  async function staff() {
    const { client: grace, staff: graceUser } = await signedInStaff(testApp, 'admin');
    const { client: alan, staff: alanUser } = await signedInStaff(testApp, 'admin', {
      username: 'alan@example.org',
      displayName: 'Alan Admin',
    });
    const off = await seedUser(testApp, {
      username: 'off@example.org',
      roles: ['admin'],
      status: 'suspended',
    });
    const dee = await seedUser(testApp, { username: DESK, displayName: 'Dee Desk', roles: ['helpdesk'] });
    return { grace, graceUser, alan, alanUser, off, dee };
  }

  test("when an admin resets a help-desk agent's password, then every other active admin is mailed and sees it until they dismiss it", async () => {
    await build();
    const { grace, graceUser, alan, alanUser, off, dee } = await staff();

    const reset = await confirmAction(grace, `/admin/users/${dee.id}/reset-password`);
    expect(reset.status).toBe(200);
    await deliver();

    // Grace did it herself: only the other admins need telling.
    expect(alertMails(sink.to(graceUser.username))).toEqual([]);
    const [mail, ...more] = alertMails(sink.to(alanUser.username));
    expect(more).toEqual([]);
    expect(mail!.text).toContain('The password of a help-desk or admin account was reset by someone else.');
    expect(mail!.text).toContain(`Account: Dee Desk (${DESK})`);
    expect(mail!.text).toContain(`By: ${graceUser.displayName} (${graceUser.username})`);
    expect(mail!.text).toContain(`https://desk.example.org/admin/users/${dee.id}`);
    expect(sink.to(off.username)).toEqual([]);
    const shown = generatedPasswordFrom(reset.text);
    for (const mail of alertMails(sink.messages)) {
      expect(mail.text).not.toContain(shown);
      expect(String(mail.html)).not.toContain(shown);
    }

    const home = await alan.get('/');
    expect(home.headers['cache-control']).toBe('no-store');
    expect(home.text).toContain('Security alerts');
    const [alertId, ...others] = alertIds(home.text);
    expect(others).toEqual([]);
    expect(home.text).toContain('Dee Desk');

    const dismissed = await alan.agent
      .post(`/admin/alerts/${alertId}/dismiss`)
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
    expect([dismissed.status, dismissed.headers.location]).toEqual([303, '/']);
    expect(alertIds((await alan.get('/')).text)).toEqual([]);
    expect(alertIds((await grace.get('/')).text)).toEqual([alertId]);

    const unknown = await alan.agent
      .post('/admin/alerts/no-such-alert/dismiss')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
    expect(unknown.status).toBe(404);
    const forged = await alan.agent.post(`/admin/alerts/${alertId}/dismiss`).type('form').send({});
    expect(forged.status).toBe(403);
  });

  test("when an admin signs out all of an admin's sessions, then the admins are alerted; help-desk agents see no panel", async () => {
    await build();
    const { grace, alanUser } = await staff();
    const { client: desk } = await signedInStaff(testApp, 'helpdesk');

    expect((await confirmAction(grace, `/admin/users/${alanUser.id}/sessions/revoke`)).status).toBeLessThan(
      400,
    );
    await deliver();

    const [mail] = alertMails(sink.to(alanUser.username));
    expect(mail!.text).toContain('All sessions of a help-desk or admin account were ended by someone else.');
    const deskHome = await desk.get('/');
    expect(deskHome.text).not.toContain('Security alerts');
    const alerts = await testApp.store.securityAlerts.listUndismissed('any-admin', 10);
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'privileged_sessions_ended', targetId: alanUser.id }),
    ]);
  });

  test("when a member's password is reset, or a help-desk agent gets a reset link, then nothing is raised", async () => {
    await build();
    const { grace, dee } = await staff();
    const ada = await seedUser(testApp);

    expect((await confirmAction(grace, `/admin/users/${ada.id}/reset-password`)).status).toBe(200);
    expect((await confirmAction(grace, `/admin/users/${dee.id}/reset-link`)).status).toBeLessThan(400);
    await deliver();

    expect(alertMails(sink.messages)).toEqual([]);
    expect(await testApp.store.securityAlerts.listUndismissed('any-admin', 10)).toEqual([]);
    expect(alertIds((await grace.get('/')).text)).toEqual([]);
  });

  test('when the other admin reads Arabic in Riyadh, then the panel and what the alert mail says are in Arabic, names isolated', async () => {
    await build();
    const { grace, graceUser, alan, alanUser, dee } = await staff();
    await testApp.store.users.updateProfile(
      alanUser.id,
      { locale: 'ar', timeZone: 'Asia/Riyadh' },
      new Date(),
    );
    const ar = localized('ar', 'Asia/Riyadh');

    expect((await confirmAction(grace, `/admin/users/${dee.id}/reset-password`)).status).toBe(200);
    await deliver();

    const [mail] = alertMails(sink.to(alanUser.username));
    expect(mail!.text).toContain(ar.t('alerts:kinds.privileged_reset'));
    expect(mail!.text).toContain(
      ar.t('alerts:actor.person', { name: graceUser.displayName, username: graceUser.username }),
    );
    const home = await alan.get('/');
    expect(home.text).toContain(`<h2 id="security-alerts-heading">${ar.t('alerts:panel.title')}</h2>`);
    expect(home.text).toContain(ar.t('alerts:kinds.privileged_reset'));
    expect(home.text).toContain(`<bdi dir="ltr">${DESK}</bdi>`);
    expect(home.text).toContain(`<bdi>${graceUser.displayName}</bdi>`);
    const [alert] = await testApp.store.securityAlerts.listUndismissed(alanUser.id, 1);
    expect(home.text).toContain(ar.formatDateTime(alert!.createdAt));
    // Grace reads English: her own panel is unchanged.
    expect((await grace.get('/')).text).toContain('Security alerts');
  });

  test('when SECURITY_ALERTS is off, then a privileged reset stores and mails nothing', async () => {
    await build({ SECURITY_ALERTS: 'off' });
    const { grace, dee } = await staff();

    expect((await confirmAction(grace, `/admin/users/${dee.id}/reset-password`)).status).toBe(200);
    await deliver();

    expect(alertMails(sink.messages)).toEqual([]);
    expect(await testApp.store.securityAlerts.listUndismissed('any-admin', 10)).toEqual([]);
  });
});
