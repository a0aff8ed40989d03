import { createSecurityAlertSink } from '../../../src/audit/security-alerts';
import { createLocalization } from '../../../src/i18n/localization';
import { createAdminResets } from '../../../src/admin/admin-resets';
import { createResetIssuer } from '../../../src/reset/reset-issuer';
import type { User } from '../../../src/store';
import { createSecureAccountLinks } from '../../../src/secure-account/secure-account-links';
import { createCallerVerification } from '../../../src/verification/caller-verification';
import { ADA, CONTEXT, createUnitWorld, secretsIn, type UnitWorld } from '../support/unit-world';

const TYPED = 'Harbor-Quartz-91-Lantern!';
const NO_TICKET = { ticketRef: null };

describe('admin resets', () => {
  let world: UnitWorld;
  let adminResets: ReturnType<typeof createAdminResets>;
  let admin: User;

  async function build(env: Record<string, string> = {}) {
    world = createUnitWorld(env);
    const { config } = world;
    const raiseAlert = createSecurityAlertSink({
      ...world,
      appUrl: config.appUrl,
      localization: createLocalization(config.localization),
      enabled: config.securityAlerts,
    });
    adminResets = createAdminResets({
      ...world,
      issuer: createResetIssuer({ ...world, appUrl: config.appUrl, reset: config.reset }),
      raiseAlert,
      callerVerification: createCallerVerification({
        ...world,
        raiseAlert,
        issueSecureAccountLink: createSecureAccountLinks({ ...world, appUrl: config.appUrl }),
        pepper: config.tokenPepper,
        config,
      }),
      config,
    });
    admin = await world.seedUser({
      username: 'grace@example.org',
      userType: 'admin_staff',
      roles: ['admin'],
    });
  }

  beforeEach(() => build());
  afterEach(() => world.close());

  const passwordWrites = () => world.auditEvents({ action: 'password.set_by_admin' });

  describe('send reset link', () => {
    test('when the account has a password, then the self-service mail goes to the username and the admin is the actor', async () => {
      const ada = await world.seedUser({ contactEmail: 'ada.home@example.net' });
      const result = await adminResets.sendResetLink(admin, ada, NO_TICKET, CONTEXT);
      expect(result).toEqual({
        ok: true,
        to: ADA,
        purpose: 'reset',
        expiresInMs: world.config.reset.ttlMs,
        verified: false,
        verificationId: null,
        requestId: expect.any(String),
        outboxId: expect.any(String),
      });
      expect(world.queued.map(({ message }) => message.to)).toEqual([ADA]);
      const [request] = await world.store.resetRequests.listRecentForUser(ada.id, 1);
      expect(request).toMatchObject({ requestedBy: admin.id, purpose: 'reset' });
      expect(result).toMatchObject({ requestId: request!.id, outboxId: request!.outboxId });
      const [event] = await world.auditEvents({ action: 'reset.requested' });
      expect(event).toMatchObject({ actorId: admin.id, details: { via: 'admin', purpose: 'reset' } });
    });

    test('when a pending account never had a password, then it gets its invitation, from the command line too', async () => {
      const invited = await world.seedUser({ status: 'pending', password: null });
      const result = await adminResets.sendResetLink(null, invited, NO_TICKET, CONTEXT);
      expect(result).toMatchObject({
        ok: true,
        purpose: 'invite',
        expiresInMs: world.config.admin.inviteTtlMs,
      });
      expect(secretsIn(world.queued[0]!.message).code).toMatch(/^\d{6}$/);
      expect((await world.auditEvents({ action: 'reset.requested' }))[0]!.details).toMatchObject({
        via: 'cli',
      });
    });

    test('when the account is suspended or holds more privileges, then it is refused by code and nothing is sent', async () => {
      const suspended = await world.seedUser({ status: 'suspended' });
      const helpdesk = await world.seedUser({ username: 'hd@example.org', roles: ['helpdesk'] });
      expect(await adminResets.sendResetLink(admin, suspended, NO_TICKET, CONTEXT)).toEqual({
        ok: false,
        error: 'account_ineligible',
      });
      expect(await adminResets.sendResetLink(helpdesk, admin, NO_TICKET, CONTEXT)).toEqual({
        ok: false,
        error: 'more_privileges',
      });
      expect(world.queued).toEqual([]);
    });
  });

  describe('one-click reset', () => {
    test('when the admin says yes, then a grouped temporary password is set at once, nothing is sent and the sessions stay', async () => {
      const ada = await world.seedUser();
      await world.signIn(ada);
      const result = await adminResets.oneClickReset(admin, ada, { ticketRef: 'INC0001234' }, CONTEXT);

      if (!result.ok) throw new Error(`refused: ${result.error}`);
      expect(result).toMatchObject({ source: 'generated', verified: false, verificationId: null });
      expect(result.password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      const after = await world.reload(ada);
      expect(after).toMatchObject({ passwordHash: `plain:${result.password}`, mustChangePassword: true });
      expect(after.passwordExpiresAt).toEqual(result.expiresAt);
      expect(world.queued).toEqual([]);
      expect(await world.sessionIds(ada)).toHaveLength(1);
      expect((await passwordWrites())[0]!.details).toEqual({
        method: 'reset-password',
        mustChangePassword: true,
        logoutSessions: false,
        sessionsRevoked: 0,
        ticketRef: 'INC0001234',
        verified: false,
        verificationId: null,
      });
      expect(world.notices).toEqual([{ userId: ada.id, by: 'admin' }]);
    });

    test('when the admin confirms with both toggles, then the password is mailed until it expires and the sessions end', async () => {
      const ada = await world.seedUser();
      await world.signIn(ada);
      const reset = await adminResets.oneClickReset(admin, ada, NO_TICKET, CONTEXT);
      if (!reset.ok) throw new Error(`refused: ${reset.error}`);
      const handover = { password: reset.password, passwordExpiresAt: reset.expiresAt, ticketRef: null };

      const result = await adminResets.handOverOneClick(
        admin,
        ada,
        handover,
        { sendEmail: true, logoutSessions: true },
        CONTEXT,
      );
      expect(result).toEqual({ ok: true, emailedTo: ADA, sessionsRevoked: 1 });
      const [mailed] = world.queued;
      expect(mailed!.message).toMatchObject({
        channel: 'email',
        to: ADA,
        text: expect.stringContaining(reset.password),
      });
      expect(mailed!.options.usefulUntil).toEqual(reset.expiresAt);
      expect(await world.sessionIds(ada)).toEqual([]);
      const [handedOver] = await world.auditEvents({ action: 'password.handed_over' });
      expect(handedOver).toMatchObject({
        actorId: admin.id,
        outcome: 'confirmed',
        details: { emailed: true, logoutSessions: true, sessionsRevoked: 1, ticketRef: null },
      });
      expect(JSON.stringify(handedOver)).not.toContain(reset.password);
    });

    test('when the admin closes the dialog, then nothing is sent, the sessions stay and the close is audited', async () => {
      const ada = await world.seedUser();
      await world.signIn(ada);
      const reset = await adminResets.oneClickReset(admin, ada, NO_TICKET, CONTEXT);
      if (!reset.ok) throw new Error(`refused: ${reset.error}`);
      const handover = { password: reset.password, passwordExpiresAt: reset.expiresAt, ticketRef: null };

      expect(await adminResets.handOverOneClick(admin, ada, handover, null, CONTEXT)).toEqual({
        ok: true,
        emailedTo: null,
        sessionsRevoked: 0,
      });
      expect(world.queued).toEqual([]);
      expect(await world.sessionIds(ada)).toHaveLength(1);
      expect((await world.auditEvents({ action: 'password.handed_over' }))[0]).toMatchObject({
        outcome: 'closed',
        details: { emailed: false, logoutSessions: false },
      });
    });

    test('when the account is a parent, then the password is the national ID, or a refusal when there is none', async () => {
      const parent = await world.seedUser({ userType: 'parent', nationalId: '2123456789' });
      const result = await adminResets.oneClickReset(admin, parent, NO_TICKET, CONTEXT);
      expect(result).toMatchObject({ ok: true, password: '2123456789', source: 'national_id' });

      const without = await world.seedUser({ username: 'noid@example.org', userType: 'parent' });
      const refused = await adminResets.oneClickReset(admin, without, NO_TICKET, CONTEXT);
      expect(refused).toEqual({ ok: false, error: 'no_national_id' });
      expect((await world.reload(without)).passwordHash).toBe(without.passwordHash);
    });

    test('when the username cannot receive mail and email is confirmed, then nothing is sent and no session ends', async () => {
      const odd = await world.seedUser({ username: 'not-an-address' });
      await world.signIn(odd);
      const reset = await adminResets.oneClickReset(admin, odd, NO_TICKET, CONTEXT);
      if (!reset.ok) throw new Error(`refused: ${reset.error}`);
      const handover = { password: reset.password, passwordExpiresAt: reset.expiresAt, ticketRef: null };
      const result = await adminResets.handOverOneClick(
        admin,
        odd,
        handover,
        { sendEmail: true, logoutSessions: true },
        CONTEXT,
      );
      expect(result).toEqual({ ok: false, error: 'username_not_email' });
      expect(world.queued).toEqual([]);
      expect(await world.sessionIds(odd)).toHaveLength(1);
    });
  });

  describe('temporary password by SMS', () => {
    test('when the account has a phone, then the text is queued until the password expires and the admin never sees it', async () => {
      const ada = await world.seedUser({ phone: '+966501234567' });
      const result = await adminResets.temporaryPasswordBySms(
        admin,
        ada,
        { logoutSessions: false, ticketRef: null },
        CONTEXT,
      );
      expect(result).toEqual({
        ok: true,
        outboxId: expect.any(String),
        sessionsRevoked: 0,
        verified: false,
        verificationId: null,
      });
      const [sms] = world.queued;
      expect(sms!.message).toMatchObject({ channel: 'sms', to: '+966501234567' });
      expect(sms!.options.usefulUntil).toEqual((await world.reload(ada)).passwordExpiresAt);
      expect(await world.auditEvents({ action: 'sms.queued' })).toHaveLength(1);
    });

    test('when there is no phone, a malformed one or no gateway, then it is refused by code', async () => {
      const none = await world.seedUser({ phone: null });
      const malformed = await world.seedUser({ username: 'm@example.org', phone: '0501234567' });
      const options = { logoutSessions: true, ticketRef: null };
      expect(await adminResets.temporaryPasswordBySms(admin, none, options, CONTEXT)).toEqual({
        ok: false,
        error: 'no_phone',
      });
      expect(await adminResets.temporaryPasswordBySms(admin, malformed, options, CONTEXT)).toEqual({
        ok: false,
        error: 'phone_invalid',
      });
      await world.close();
      await build({ SMTP_URL: 'smtp://127.0.0.1:2525' });
      const ada = await world.seedUser({ phone: '+966501234567' });
      expect(await adminResets.temporaryPasswordBySms(admin, ada, options, CONTEXT)).toEqual({
        ok: false,
        error: 'no_sms_gateway',
      });
    });
  });

  describe('set password', () => {
    test('when the typed password passes the policy, then it is set without a forced change, keeping sessions if asked', async () => {
      const ada = await world.seedUser();
      const sid = await world.signIn(ada);
      const input = {
        password: TYPED,
        confirmPassword: TYPED,
        mustChangePassword: false,
        logoutSessions: false,
        ticketRef: 'INC0012345',
      };
      expect(await adminResets.setPassword(admin, ada, input, CONTEXT)).toEqual({
        ok: true,
        sessionsRevoked: 0,
        verified: false,
        verificationId: null,
      });
      const [written] = await passwordWrites();
      expect(written!.details).toMatchObject({ method: 'password', ticketRef: 'INC0012345' });
      expect(JSON.stringify(written)).not.toContain(TYPED);
      expect(await world.reload(ada)).toMatchObject({
        passwordHash: `plain:${TYPED}`,
        passwordExpiresAt: null,
      });
      expect(await world.sessionIds(ada)).toEqual([sid]);
    });

    test('when the typed password breaks the policy, then the failed rules come back and nothing is written', async () => {
      const ada = await world.seedUser();
      const input = {
        password: 'weak',
        confirmPassword: 'weak',
        mustChangePassword: true,
        logoutSessions: true,
        ticketRef: null,
      };
      const result = await adminResets.setPassword(admin, ada, input, CONTEXT);
      expect(result).toMatchObject({ ok: false, error: 'password_rejected' });
      expect(await passwordWrites()).toEqual([]);
    });
  });

  describe('sign out everywhere', () => {
    test('when asked, then every session ends and the admin is recorded as the actor', async () => {
      const ada = await world.seedUser();
      await world.signIn(ada);
      await world.signIn(ada);
      expect(await adminResets.signOutEverywhere(admin, ada, NO_TICKET, CONTEXT)).toEqual({
        ok: true,
        revoked: 2,
        verified: false,
        verificationId: null,
      });
      expect((await world.reload(ada)).sessionVersion).toBe(ada.sessionVersion + 1);
      expect((await world.auditEvents({ action: 'sessions.revoked' }))[0]).toMatchObject({
        actorId: admin.id,
        details: { revoked: 2, scope: 'all' },
      });
    });

    test('when the account is deleted, then it is refused and its sessions are untouched', async () => {
      const ada = await world.seedUser();
      const sid = await world.signIn(ada);
      await world.store.users.setStatus(ada.id, 'deleted', world.now());
      expect(await adminResets.signOutEverywhere(admin, await world.reload(ada), NO_TICKET, CONTEXT)).toEqual(
        {
          ok: false,
          error: 'account_ineligible',
        },
      );
      expect(await world.sessionIds(ada)).toEqual([sid]);
    });
  });
});
