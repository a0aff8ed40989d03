import { isAccountEligible } from '../auth/eligibility';
import { hasPermission, holdsPermissionsOf } from '../auth/permissions';
import type { Config } from '../config';
import type { User } from '../store';
import { ADMIN_ACTION_LABELS, describeRefusal } from './admin-messages';
import { lacksNationalIdPassword } from './temporary-password';

export const ADMIN_ACTIONS = [
  'reset-link',
  'reset-password',
  'temp-password-sms',
  'password',
  'sessions-revoke',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

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
  /** Why the item cannot be used for this account (the text); null when it can. */
  disabledReason: string | null;
}

export interface AdminActionsConfig {
  admin: Pick<Config['admin'], 'knowsPassword' | 'nationalIdPasswordTypes'>;
  sms: Pick<Config['sms'], 'deliverable'>;
}

/** Why an action cannot be used on an account, by code (the admin message table has the texts). */
export type ActionRefusal =
  'more_privileges' | 'account_ineligible' | 'no_sms_gateway' | 'no_phone' | 'no_national_id';

/**
 * Why `actor` cannot use one action on this account: privileges first, then status, then what the
 * action itself needs. `actor` is null for the operator's command line, which may act on anyone.
 */
export function actionRefusal(
  action: AdminAction,
  actor: User | null,
  target: User,
  config: AdminActionsConfig,
): ActionRefusal | null {
  if (actor && !holdsPermissionsOf(actor, target.roles)) return 'more_privileges';
  if (!isAccountEligible(target)) return 'account_ineligible';
  if (action === 'temp-password-sms' && !config.sms.deliverable) return 'no_sms_gateway';
  if (action === 'temp-password-sms' && !target.phone) return 'no_phone';
  if (action === 'reset-password' && lacksNationalIdPassword(target, config.admin.nationalIdPasswordTypes)) {
    return 'no_national_id';
  }
  return null;
}

/** The text of why `actor` cannot use the action on this account, or null when they can. */
export function describeActionRefusal(
  action: AdminAction,
  actor: User,
  target: User,
  config: AdminActionsConfig,
): string | null {
  const refusal = actionRefusal(action, actor, target, config);
  return refusal && describeRefusal(refusal, target);
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
    disabledReason: describeActionRefusal(action, viewer, target, config),
  }));
}
