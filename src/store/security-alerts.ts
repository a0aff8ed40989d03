export const SECURITY_ALERT_KINDS = [
  'privileged_reset',
  'privileged_sessions_ended',
  'in_person_verification',
  'account_secured_by_user',
  'verification_failures',
] as const;
export type SecurityAlertKind = (typeof SECURITY_ALERT_KINDS)[number];

/** Small and flat, like audit details; never a secret. */
export type SecurityAlertDetails = Record<string, string | number | boolean | null>;

/** Something every admin should look at, shown on the admin home page until they dismiss it. */
export interface SecurityAlert {
  id: string;
  kind: SecurityAlertKind;
  /** The account the alert is about. */
  targetId: string;
  /** Who caused it, or null when nobody signed in did (a user securing their account by link). */
  actorId: string | null;
  details: SecurityAlertDetails;
  createdAt: Date;
}

export type NewSecurityAlert = Omit<SecurityAlert, 'id' | 'createdAt'>;

export interface SecurityAlertRepository {
  create(alert: NewSecurityAlert, now: Date): Promise<SecurityAlert>;
  /** Newest first, leaving out those this admin dismissed; another admin's dismissal hides nothing. */
  listUndismissed(adminId: string, limit: number): Promise<SecurityAlert[]>;
  /**
   * Per admin and idempotent: true whenever the alert exists (dismissed now or before, once however
   * many calls race), false for an unknown alert.
   */
  dismiss(alertId: string, adminId: string, now: Date): Promise<boolean>;
  /** Deletes alerts created before the cutoff, with their dismissals; returns how many alerts. */
  purgeOlderThan(cutoff: Date): Promise<number>;
}
