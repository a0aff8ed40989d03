import type { PasswordReplacement } from '../../../src/auth/replace-password';
import { HOUR } from '../../../src/time';
import { CONTEXT, createUnitWorld, NEW_PASSWORD, type UnitWorld } from '../support/unit-world';

describe('replacePassword, the one password writer', () => {
  let world: UnitWorld;
  beforeEach(() => {
    world = createUnitWorld();
  });
  afterEach(() => world.close());

  const replace = (change: PasswordReplacement) => world.replacePassword(change, CONTEXT);

  test('when a reset link sets the password, then hash, history, lockout, session version, sessions, links and notice all follow', async () => {
    const ada = await world.seedUser({ mustChangePassword: true });
    await world.store.users.recordFailedSignIn(ada.id, 1, HOUR, world.now());
    await world.signIn(ada);
    await world.signIn(ada);
    const { request } = await world.openRequest(ada);

    const result = await replace({
      user: ada,
      password: NEW_PASSWORD,
      reason: 'reset',
      actorId: null,
      temporary: false,
      endSessions: 'all',
    });

    const after = await world.reload(ada);
    expect(after).toMatchObject({
      passwordHash: `plain:${NEW_PASSWORD}`,
      passwordHistory: [ada.passwordHash],
      mustChangePassword: false,
      passwordExpiresAt: null,
      failedSignIns: 0,
      lockedUntil: null,
      sessionVersion: ada.sessionVersion + 1,
    });
    expect(result).toMatchObject({ sessionsEnded: 2, expiresAt: null });
    expect(await world.sessionIds(ada)).toEqual([]);
    const [voided] = await world.store.resetRequests.listRecentForUser(ada.id, 1);
    expect([voided!.id, voided!.voidedAt]).toEqual([request.id, world.now()]);
    expect(await world.auditEvents({ action: 'sessions.revoked' })).toEqual([
      expect.objectContaining({
        actorId: null,
        targetId: ada.id,
        details: { revoked: 2, scope: 'all', reason: 'reset' },
      }),
    ]);
    expect(world.notices).toEqual([{ userId: ada.id, by: 'self' }]);
  });

  test('when the owner changes it, then only the other sessions end and the audit says so', async () => {
    const ada = await world.seedUser();
    const mine = await world.signIn(ada);
    await world.signIn(ada);

    const result = await replace({
      user: ada,
      password: NEW_PASSWORD,
      reason: 'own_change',
      actorId: ada.id,
      temporary: false,
      endSessions: { except: mine },
    });

    expect(result.sessionsEnded).toBe(1);
    expect(result.user.sessionVersion).toBe(ada.sessionVersion + 1);
    expect(await world.sessionIds(ada)).toEqual([mine]);
    const [event] = await world.auditEvents({ action: 'sessions.revoked' });
    expect(event).toMatchObject({
      actorId: ada.id,
      details: { revoked: 1, scope: 'others', reason: 'own_change' },
    });
  });

  test('when an admin sets a temporary password and keeps the sessions, then it expires, sessions stay valid and nothing is revoked', async () => {
    const ada = await world.seedUser({ status: 'pending' });
    const sid = await world.signIn(ada);

    const result = await replace({
      user: ada,
      password: NEW_PASSWORD,
      reason: 'set_by_admin',
      actorId: 'admin-1',
      temporary: true,
      endSessions: 'none',
    });

    const expiresAt = new Date(world.now().getTime() + world.config.admin.tempPasswordTtlMs);
    expect(result).toMatchObject({ sessionsEnded: 0, expiresAt });
    expect(await world.reload(ada)).toMatchObject({
      mustChangePassword: true,
      passwordExpiresAt: expiresAt,
      sessionVersion: ada.sessionVersion,
      status: 'pending',
    });
    expect(await world.sessionIds(ada)).toEqual([sid]);
    expect(await world.auditEvents({ action: 'sessions.revoked' })).toEqual([]);
    expect(world.notices).toEqual([{ userId: ada.id, by: 'admin' }]);
  });

  test('when an invited owner chooses a first password through the claimed request, then the account is active and that request consumed, not voided', async () => {
    const invited = await world.seedUser({ status: 'pending', password: null });
    const { request } = await world.openRequest(invited, 'invite');
    expect(
      await world.store.resetRequests.claim(
        request.id,
        world.now(),
        new Date(world.now().getTime() + 60_000),
      ),
    ).toBe(true);

    const result = await replace({
      user: invited,
      password: NEW_PASSWORD,
      reason: 'invite',
      actorId: null,
      temporary: false,
      endSessions: 'all',
      consumesRequestId: request.id,
    });

    expect(result.user.status).toBe('active');
    expect((await world.reload(invited)).passwordHistory).toEqual([]);
    const [stored] = await world.store.resetRequests.listRecentForUser(invited.id, 1);
    expect([stored!.consumedAt, stored!.voidedAt]).toEqual([world.now(), null]);
    expect(await world.auditEvents({ action: 'sessions.revoked' })).toEqual([]);
  });

  test('when the account vanished meanwhile, then it throws and notifies no one', async () => {
    const ghost = { ...(await world.seedUser()), id: 'no-such-user' };
    await expect(
      replace({
        user: ghost,
        password: NEW_PASSWORD,
        reason: 'reset',
        actorId: null,
        temporary: false,
        endSessions: 'all',
      }),
    ).rejects.toThrow('user vanished');
    expect(world.notices).toEqual([]);
  });
});
