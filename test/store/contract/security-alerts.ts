import type { NewSecurityAlert } from '../../../src/store';
import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';

const ADMIN = 'admin-a';
const OTHER_ADMIN = 'admin-b';

function newAlert(overrides: Partial<NewSecurityAlert> = {}): NewSecurityAlert {
  return {
    kind: 'privileged_reset',
    targetId: 'user-1',
    actorId: 'helpdesk-1',
    details: { method: 'one_click', verified: false, attempts: 3, ticketRef: null },
    ...overrides,
  };
}

export function securityAlertContract(backend: ContractBackend): void {
  describe('security alerts', () => {
    const ctx = useStore(backend);

    test('when alerts are created, then every admin lists them newest first, whole, up to the limit', async () => {
      const alerts = ctx.store.securityAlerts;
      const first = await alerts.create(newAlert(), T0);
      const second = await alerts.create(
        newAlert({ kind: 'account_secured_by_user', actorId: null, details: {} }),
        minutesAfter(T0, 1),
      );
      const third = await alerts.create(newAlert({ kind: 'verification_failures' }), minutesAfter(T0, 2));
      expect(first).toMatchObject({
        kind: 'privileged_reset',
        targetId: 'user-1',
        actorId: 'helpdesk-1',
        details: { method: 'one_click', verified: false, attempts: 3, ticketRef: null },
        createdAt: T0,
      });
      expect(await alerts.listUndismissed(ADMIN, 10)).toEqual([third, second, first]);
      expect(await alerts.listUndismissed(OTHER_ADMIN, 2)).toEqual([third, second]);
    });

    test('when an admin dismisses an alert, then it is hidden from that admin only, and dismissing again still answers true', async () => {
      const alerts = ctx.store.securityAlerts;
      const kept = await alerts.create(newAlert(), T0);
      const dismissed = await alerts.create(
        newAlert({ kind: 'in_person_verification' }),
        minutesAfter(T0, 1),
      );
      expect(await alerts.dismiss(dismissed.id, ADMIN, minutesAfter(T0, 2))).toBe(true);
      expect(await alerts.listUndismissed(ADMIN, 10)).toEqual([kept]);
      expect(await alerts.listUndismissed(OTHER_ADMIN, 10)).toEqual([dismissed, kept]);
      expect(await alerts.dismiss(dismissed.id, ADMIN, minutesAfter(T0, 3))).toBe(true);
      expect(await alerts.listUndismissed(ADMIN, 10)).toEqual([kept]);
    });

    test('when an unknown alert is dismissed, then the answer is false', async () => {
      expect(await ctx.store.securityAlerts.dismiss('no-such-alert', ADMIN, T0)).toBe(false);
    });

    test('when 20 dismissals by 10 admins race on two instances, then all answer true and each admin no longer sees it', async () => {
      const alert = await ctx.store.securityAlerts.create(newAlert(), T0);
      const other = await ctx.openAnother();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : ctx.store).securityAlerts.dismiss(alert.id, `admin-${i % 10}`, T0),
        ),
      );
      expect(answers).toEqual(Array.from({ length: 20 }, () => true));
      for (let i = 0; i < 10; i++)
        expect(await ctx.store.securityAlerts.listUndismissed(`admin-${i}`, 5)).toEqual([]);
      expect(await ctx.store.securityAlerts.listUndismissed('admin-10', 5)).toEqual([alert]);
    });

    test('when alerts are purged, then those created before the cutoff go with their dismissals', async () => {
      const alerts = ctx.store.securityAlerts;
      const old = await alerts.create(newAlert(), T0);
      await alerts.dismiss(old.id, ADMIN, minutesAfter(T0, 1));
      const recent = await alerts.create(
        newAlert({ kind: 'privileged_sessions_ended' }),
        minutesAfter(T0, 30),
      );
      expect(await alerts.purgeOlderThan(minutesAfter(T0, 20))).toBe(1);
      expect(await alerts.listUndismissed(OTHER_ADMIN, 10)).toEqual([recent]);
      expect(await alerts.dismiss(old.id, ADMIN, minutesAfter(T0, 31))).toBe(false);
      expect(await alerts.purgeOlderThan(minutesAfter(T0, 20))).toBe(0);
    });
  });
}
