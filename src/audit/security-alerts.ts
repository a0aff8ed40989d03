import type { Clock } from '../clock';
import type { Localization, Localized } from '../i18n/localization';
import { renderSecurityAlertEmail } from '../mail/templates';
import type { MailQueue } from '../outbox/mail-queue';
import type { NewSecurityAlert, SecurityAlertKind, Store, User } from '../store';

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

/** What happened, in a sentence of the mail. */
const ALERT_TEXTS: Record<SecurityAlertKind, string> = {
  privileged_reset: 'mail:security_alert.what.privileged_reset',
  privileged_sessions_ended: 'mail:security_alert.what.privileged_sessions_ended',
  in_person_verification: 'mail:security_alert.what.in_person_verification',
  account_secured_by_user: 'mail:security_alert.what.account_secured_by_user',
  verification_failures: 'mail:security_alert.what.verification_failures',
};

function describeActor(actor: User | null, recipient: Localized): string {
  if (!actor) return recipient.t('mail:security_alert.actor_nobody');
  return `${actor.displayName} (${actor.username})`;
}

/**
 * Stores the alert (the admin home page's panel) and queues one mail per active admin through the
 * durable outbox: never sent on the request path. Nothing in it is a secret.
 */
export function createSecurityAlertSink(deps: SecurityAlertSinkDeps): RaiseSecurityAlert {
  const { store, mailQueue, clock, appUrl } = deps;
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
      const recipient = deps.localization.for({ locale: admin.locale, timeZone: admin.timeZone });
      const email = renderSecurityAlertEmail(
        {
          to: admin.username,
          displayName: admin.displayName,
          what: recipient.t(ALERT_TEXTS[alert.kind]),
          target,
          actor: describeActor(actor, recipient),
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
