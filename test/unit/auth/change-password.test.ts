import { createChangeOwnPassword } from '../../../src/auth/change-password';
import type { User } from '../../../src/store';
import { CONTEXT, createUnitWorld, NEW_PASSWORD, OLD_PASSWORD, type UnitWorld } from '../support/unit-world';

const WRONG = 'Not-My-Password-1!';

describe('change own password', () => {
  let world: UnitWorld;
  let changeOwnPassword: ReturnType<typeof createChangeOwnPassword>;
  beforeEach(() => {
    world = createUnitWorld({ LOCKOUT_THRESHOLD: '3' });
    changeOwnPassword = createChangeOwnPassword(world);
  });
  afterEach(() => world.close());

  function change(user: User, keepSid: string, currentPassword: string, password = NEW_PASSWORD) {
    return changeOwnPassword(
      { user, currentPassword, currentPasswordProven: false, password, confirmPassword: password, keepSid },
      CONTEXT,
    );
  }

  test('when the current password is right and the new one passes, then it is stored, the other sessions end and it is audited', async () => {
    const ada = await world.seedUser({ status: 'pending', mustChangePassword: true });
    const mine = await world.signIn(ada);
    await world.signIn(ada);

    const result = await change(ada, mine, OLD_PASSWORD);

    expect(result).toEqual({ ok: true, sessionVersion: ada.sessionVersion + 1 });
    expect(await world.reload(ada)).toMatchObject({
      passwordHash: `plain:${NEW_PASSWORD}`,
      mustChangePassword: false,
      status: 'active',
    });
    expect(await world.sessionIds(ada)).toEqual([mine]);
    const [changed] = await world.auditEvents({ action: 'password.changed' });
    expect(changed).toMatchObject({ actorId: ada.id, details: { sessionsRevoked: 1 } });
    expect(world.notices).toEqual([{ userId: ada.id, by: 'self' }]);
  });

  test('when the current password is wrong, then nothing changes and the failure counts like a sign-in', async () => {
    const ada = await world.seedUser();
    const mine = await world.signIn(ada);

    expect(await change(ada, mine, WRONG)).toEqual({ ok: false, error: 'current_password_incorrect' });
    expect(await world.reload(ada)).toMatchObject({ passwordHash: ada.passwordHash, failedSignIns: 1 });
    expect(await world.auditEvents({ action: 'password.change_failed' })).toHaveLength(1);
  });

  test('when the wrong current password reaches the lockout threshold, then the account locks and every session ends', async () => {
    let ada = await world.seedUser();
    const mine = await world.signIn(ada);
    await world.signIn(ada);
    for (let attempt = 1; attempt < 3; attempt++) {
      await change(ada, mine, WRONG);
      ada = await world.reload(ada);
    }

    const result = await change(ada, mine, WRONG);

    const lockedUntil = new Date(world.now().getTime() + world.config.lockout.durationMs);
    expect(result).toEqual({ ok: false, error: 'locked_out', lockedUntil });
    expect(await world.sessionIds(ada)).toEqual([]);
    const [revoked] = await world.auditEvents({ action: 'sessions.revoked' });
    expect(revoked!.details).toEqual({ revoked: 2, scope: 'all', reason: 'locked' });
  });

  test('when the account is already locked, then the current password is not even checked', async () => {
    const ada = await world.seedUser();
    const mine = await world.signIn(ada);
    const failure = await world.store.users.recordFailedSignIn(ada.id, 1, 60_000, world.now());

    const result = await change(await world.reload(ada), mine, OLD_PASSWORD);

    expect(result).toEqual({ ok: false, error: 'account_locked', lockedUntil: failure!.lockedUntil });
    expect((await world.reload(ada)).passwordHash).toBe(ada.passwordHash);
    expect(await world.sessionIds(ada)).toEqual([mine]);
  });

  test('when the new password breaks rules, then every failed rule is returned and the failure count restarts', async () => {
    const ada = await world.seedUser();
    const mine = await world.signIn(ada);
    await change(ada, mine, WRONG);

    const result = await changeOwnPassword(
      {
        user: await world.reload(ada),
        currentPassword: OLD_PASSWORD,
        currentPasswordProven: false,
        password: 'short',
        confirmPassword: 'other',
        keepSid: mine,
      },
      CONTEXT,
    );

    expect(result.ok).toBe(false);
    const rules =
      !result.ok && result.error === 'password_rejected' ? result.failures.map((f) => f.rule) : [];
    expect(rules).toEqual(expect.arrayContaining(['length_min', 'confirmation', 'strength']));
    expect(await world.reload(ada)).toMatchObject({ passwordHash: ada.passwordHash, failedSignIns: 0 });
  });
});
