import { isAccountEligible } from '../auth/eligibility';
import { hasPermission, holdsPermissionsOf } from '../auth/permissions';
import { USER_STATUS_LABELS } from '../auth/user-labels';
import type { Config } from '../config';
import type { User } from '../store';
import { lacksNationalIdPassword, NO_NATIONAL_ID_MESSAGE } from './temporary-password';

export const ADMIN_ACTIONS = [
  'reset-link',
  'reset-password',
  'temp-password-sms',
  'password',
  'sessions-revoke',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

export const ADMIN_ACTION_LABELS: Record<AdminAction, string> = {
  'reset-link': 'Send reset link',
  'reset-password': 'Reset password',
  'temp-password-sms': 'Set temporary password and send by SMS',
  password: 'Set password',
  'sessions-revoke': 'Sign out all sessions',
};

/** Where each option lives below `/admin/users/:id/` (GET: its confirmation; POST: the action). */
export const ADMIN_ACTION_PATHS: Record<AdminAction, string> = {
  'reset-link': 'reset-link',
  'reset-password': 'reset-password',
  'temp-password-sms': 'temp-password-sms',
  password: 'password',
  'sessions-revoke': 'sessions/revoke',
};

/** Options through which an admin sees or chooses the password (hidden with ADMIN_KNOWS_PASSWORD=off). */
const REVEALS_PASSWORD: ReadonlySet<AdminAction> = new Set([
  'reset-password',
  'temp-password-sms',
  'password',
]);

export interface AdminMenuItem {
  action: AdminAction;
  label: string;
  /** The confirmation page (GET) and the action (POST). */
  href: string;
  /** Why the item cannot be used for this account; null when it can. */
  disabledReason: string | null;
}

export interface AdminActionsConfig {
  admin: Pick<Config['admin'], 'knowsPassword' | 'nationalIdPasswordTypes'>;
  sms: Pick<Config['sms'], 'deliverable'>;
}

export const MORE_PRIVILEGES_REASON = 'You cannot reset an account with more privileges than yours.';
export const NO_SMS_GATEWAY_REASON =
  'Text messages cannot be sent from this installation: no SMS gateway is set up. Use another option.';

export function ineligibleReason(target: User): string | null {
  if (isAccountEligible(target)) return null;
  return `This account is ${USER_STATUS_LABELS[target.status].toLowerCase()}: only active or pending accounts can be reset or signed out.`;
}

/**
 * Why `actor` cannot use one action on this account: privileges first, then status, then what the
 * action itself needs. `actor` is null for the operator's command line, which may act on anyone.
 */
export function actionBlockedReason(
  action: AdminAction,
  actor: User | null,
  target: User,
  config: AdminActionsConfig,
): string | null {
  if (actor && !holdsPermissionsOf(actor, target.roles)) return MORE_PRIVILEGES_REASON;
  const statusReason = ineligibleReason(target);
  if (statusReason) return statusReason;
  if (action === 'temp-password-sms' && !config.sms.deliverable) return NO_SMS_GATEWAY_REASON;
  if (action === 'temp-password-sms' && !target.phone) {
    return 'No phone number on file: add one on the edit page first.';
  }
  if (action === 'reset-password' && lacksNationalIdPassword(target, config.admin.nationalIdPasswordTypes)) {
    return NO_NATIONAL_ID_MESSAGE;
  }
  return null;
}

export function isActionOffered(action: AdminAction, config: AdminActionsConfig): boolean {
  return config.admin.knowsPassword || !REVEALS_PASSWORD.has(action);
}

/**
 * The "More options" menu of a user's detail page, or null when it is not shown: on one's own page
 * (use /account/password) and without `users:reset`.
 */
export function describeAdminMenu(
  viewer: User,
  target: User,
  config: AdminActionsConfig,
): AdminMenuItem[] | null {
  if (viewer.id === target.id || !hasPermission(viewer, 'users:reset')) return null;
  return ADMIN_ACTIONS.filter((action) => isActionOffered(action, config)).map((action) => ({
    action,
    label: ADMIN_ACTION_LABELS[action],
    href: `/admin/users/${encodeURIComponent(target.id)}/${ADMIN_ACTION_PATHS[action]}`,
    disabledReason: actionBlockedReason(action, viewer, target, config),
  }));
}
