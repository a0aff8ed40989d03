import type { SecurityAlertKind } from '../store';

/** One sentence naming what happened, by alert kind (the `alerts` catalog): the home page's panel and the admins' mail. */
export const SECURITY_ALERT_MESSAGES: Record<SecurityAlertKind, string> = {
  privileged_reset: 'alerts:kinds.privileged_reset',
  privileged_sessions_ended: 'alerts:kinds.privileged_sessions_ended',
  in_person_verification: 'alerts:kinds.in_person_verification',
  account_secured_by_user: 'alerts:kinds.account_secured_by_user',
  verification_failures: 'alerts:kinds.verification_failures',
};
