import type { Clock } from '../clock';
import type { Localization, Localized } from '../i18n/localization';
import { renderSecurityAlertEmail } from '../mail/templates';
import type { MailQueue } from '../outbox/mail-queue';
import type { NewSecurityAlert, Store, User } from '../store';
import { SECURITY_ALERT_MESSAGES } from './security-alert-messages';

/**
 * How a feature tells the admins something needs their attention. Features depend on this type only;
 * the sink below stores the alert and mails every active admin (SECURITY_ALERTS).
 */
export type RaiseSecurityAlert = (alert: NewSecurityAlert) => Promise<void>;

export interface SecurityAlertSinkDeps {
  store: Pick<Store, 'securityAlerts' | 'users'>;
  mailQueue: MailQueue;
  clock: Clock;
  /** Each admin is mailed in their own language and time zone. */
  localization: Localization;
  appUrl: string;
  /** SECURITY_ALERTS: off stores and sends nothing. */
  enabled: boolean;
}

function describeActor({ t }: Localized, actor: User | null): string {
  if (!actor) return t('alerts:actor.nobody');
  return t('alerts:actor.person', { name: actor.displayName, username: actor.username });
}

/**
 * Stores the alert (the admin home page's panel) and queues one mail per active admin through the
 * durable outbox: never sent on the request path. Nothing in it is a secret.
 */
export function createSecurityAlertSink(deps: SecurityAlertSinkDeps): RaiseSecurityAlert {
  const { store, mailQueue, clock, appUrl, localization } = deps;
  return async (alert) => {
    if (!deps.enabled) return;
    const now = clock();
    await store.securityAlerts.create(alert, now);
    const target = await store.users.findById(alert.targetId);
    if (!target) return;
    const actor = alert.actorId ? await store.users.findById(alert.actorId) : null;
    // The admin who caused it knows already; every other active admin is told.
    const admins = await store.users.listActiveWithRole('admin');
    for (const admin of admins.filter(({ id }) => id !== alert.actorId)) {
      const recipient = localization.for({ locale: admin.locale, timeZone: admin.timeZone });
      const email = renderSecurityAlertEmail(
        {
          to: admin.username,
          displayName: admin.displayName,
          what: recipient.t(SECURITY_ALERT_MESSAGES[alert.kind]),
          target,
          actor: describeActor(recipient, actor),
          at: now,
          appUrl,
        },
        recipient,
      );
      // Retried for the outbox's own limit (OUTBOX_MAX_AGE_HOURS); the panel keeps the alert longer.
      await mailQueue.queue({ channel: 'email', ...email });
    }
  };
}
