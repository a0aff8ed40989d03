import type { Clock } from '../clock';
import type { NewSecurityAlert, Store } from '../store';

/**
 * How a feature tells the admins something needs their attention. Features depend on this type only,
 * so the alert mail to every active admin (and its SECURITY_ALERTS switch) can join later in one place.
 */
export type RaiseSecurityAlert = (alert: NewSecurityAlert) => Promise<void>;

/** For now an alert is stored, for the admin home page's panel; nothing is sent yet. */
export function createSecurityAlertSink(
  store: Pick<Store, 'securityAlerts'>,
  clock: Clock,
): RaiseSecurityAlert {
  return async (alert) => {
    await store.securityAlerts.create(alert, clock());
  };
}
