import type { User } from '../../src/store';
import { answerOneClick, confirmAction, signedInStaff } from '../support/admin';
import { FormClient } from '../support/form-client';
import { followLinkAndReset, readResetMail, smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD, OTHER_STRONG_PASSWORD, STRONG_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const ADA = 'ada@example.org';
const TYPED_PASSWORD = 'Harbor-Quartz-91-Lantern!';

/** Every way a password is written ends the old password's sessions the same way, and says so in the audit log. */
describe('password writes that end sessions are found by filtering the audit log for sessions.revoked', () => {
  let testApp: TestApp;
  let sink: SmtpSink;
  let deliver: () => Promise<number>;

  beforeEach(async () => {
    sink = await new SmtpSink().start();
    testApp = buildTestApp({ env: { APP_URL: 'https://desk.example.org' } });
    deliver = smtpDelivery(testApp, sink);
  });
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
  });

  async function signedInAs(username: string, password = STRONG_PASSWORD): Promise<FormClient> {
    const client = new FormClient(testApp.app);
    expect((await client.signIn(username, password)).status).toBe(303);
    return client;
  }

  async function revocations(user: User) {
    return (await testApp.store.audit.list({ action: 'sessions.revoked', targetId: user.id }, 1, 10)).items;
  }

  async function newestResetMail(to: string) {
    await deliver();
    return readResetMail(sink.to(to).at(-1)!);
  }

  test('when a reset link and code set a new password, then the ended sessions are audited', async () => {
    const ada = await seedUser(testApp);
    await signedInAs(ADA);
    await new FormClient(testApp.app).submit('/forgot', { username: ADA });
    const reset = await followLinkAndReset(
      new FormClient(testApp.app),
      await newestResetMail(ADA),
      NEW_PASSWORD,
    );
    expect(reset.headers.location).toBe('/login');

    expect(await revocations(ada)).toEqual([
      expect.objectContaining({ actorId: null, details: { revoked: 1, scope: 'all', reason: 'reset' } }),
    ]);
  });

  test('when an invitation link sets the password of an account that already had a session, then the ended session is audited', async () => {
    const { client: admin } = await signedInStaff(testApp);
    const invited = await seedUser(testApp, { status: 'pending', passwordHash: null });
    await confirmAction(admin, `/admin/users/${invited.id}/reset-link`);
    const invitation = await newestResetMail(ADA);
    // Not reachable through the pages (every password write voids open invitations); an imported account could be here.
    const hash = await testApp.services.hasher.hash(STRONG_PASSWORD);
    const change = {
      hash,
      historySize: 5,
      mustChangePassword: false,
      passwordExpiresAt: null,
      revokeSessions: false,
    };
    await testApp.store.users.changePassword(invited.id, change, new Date());
    await signedInAs(ADA);

    const done = await followLinkAndReset(new FormClient(testApp.app), invitation, NEW_PASSWORD);
    expect(done.headers.location).toBe('/login');
    expect((await testApp.store.users.findById(invited.id))!.status).toBe('active');
    expect(await revocations(invited)).toEqual([
      expect.objectContaining({ actorId: null, details: { revoked: 1, scope: 'all', reason: 'invite' } }),
    ]);
  });

  test('when users change their own password, then their other ended sessions are audited', async () => {
    const ada = await seedUser(testApp);
    const laptop = await signedInAs(ADA);
    await signedInAs(ADA);
    const changed = await laptop.submit('/account/password', {
      currentPassword: STRONG_PASSWORD,
      password: OTHER_STRONG_PASSWORD,
      confirmPassword: OTHER_STRONG_PASSWORD,
    });
    expect(changed.headers.location).toBe('/account');

    expect(await revocations(ada)).toEqual([
      expect.objectContaining({
        actorId: ada.id,
        details: { revoked: 1, scope: 'others', reason: 'own_change' },
      }),
    ]);
  });

  describe('when an admin sets the password and logs out existing sessions', () => {
    let admin: FormClient;
    let adminUser: User;
    let ada: User;
    beforeEach(async () => {
      ({ client: admin, staff: adminUser } = await signedInStaff(testApp));
      ada = await seedUser(testApp, { phone: '+966501234567' });
      await signedInAs(ADA);
    });

    const byAdmin = () =>
      expect.objectContaining({
        actorId: adminUser.id,
        details: { revoked: 1, scope: 'all', reason: 'set_by_admin' },
      });

    test('by one click and Confirm with "Log out existing sessions", then the ended session is audited', async () => {
      const result = await confirmAction(admin, `/admin/users/${ada.id}/reset-password`);
      expect(result.status).toBe(200);
      const confirmed = await answerOneClick(admin, result.text, ada.id, 'confirm', { logoutSessions: 'on' });
      expect(confirmed.status).toBe(303);
      expect(await revocations(ada)).toEqual([
        expect.objectContaining({
          actorId: adminUser.id,
          details: { revoked: 1, scope: 'all', reason: 'set_by_admin', ticketRef: null },
        }),
      ]);
    });

    test('by a temporary password sent by SMS, then the ended session is audited', async () => {
      const result = await confirmAction(admin, `/admin/users/${ada.id}/temp-password-sms`, {
        logoutSessions: 'on',
      });
      expect(result.status).toBe(303);
      expect(await revocations(ada)).toEqual([byAdmin()]);
    });

    test('by typing it, then the ended session is audited', async () => {
      const result = await confirmAction(admin, `/admin/users/${ada.id}/password`, {
        password: TYPED_PASSWORD,
        confirmPassword: TYPED_PASSWORD,
        logoutSessions: 'on',
      });
      expect(result.status).toBe(303);
      expect(await revocations(ada)).toEqual([byAdmin()]);
    });
  });

  test('when an admin sets a password and leaves the sessions signed in, then no revocation is recorded', async () => {
    const { client: admin } = await signedInStaff(testApp);
    const ada = await seedUser(testApp);
    const device = await signedInAs(ADA);
    const result = await confirmAction(admin, `/admin/users/${ada.id}/password`, {
      password: TYPED_PASSWORD,
      confirmPassword: TYPED_PASSWORD,
    });
    expect(result.status).toBe(303);
    expect((await device.get('/account')).status).toBe(200);
    expect(await revocations(ada)).toEqual([]);
  });
});
