import { isAccountEligible } from '../auth/eligibility';
import { hasPermission, holdsPermissionsOf } from '../auth/permissions';
import type { Config } from '../config';
import type { Translate } from '../i18n/localization';
import type { User } from '../store';
import { verificationNeed } from '../verification/verification-policy';
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

/**
 * Options that hand a password to the caller or let the agent choose one: hidden with
 * ADMIN_KNOWS_PASSWORD=off, and the ones HELPDESK_VERIFICATION may require a verified caller for.
 */
const HANDS_OVER_SECRET: ReadonlySet<AdminAction> = new Set([
  'reset-password',
  'temp-password-sms',
  'password',
]);

export function handsOverSecret(action: AdminAction): boolean {
  return HANDS_OVER_SECRET.has(action);
}

/** The step before a reset that hands over a secret (HELPDESK_VERIFICATION); not itself a reset. */
const VERIFY_ITEM = { key: 'verify', label: 'admin:actions.verify', path: 'verify' } as const;

export interface AdminMenuItem {
  action: AdminAction | typeof VERIFY_ITEM.key;
  label: string;
  /** The confirmation page (GET) and the action (POST). */
  href: string;
  /** Why the item cannot be used for this account (the text); null when it can. */
  disabledReason: string | null;
}

export interface AdminActionsConfig {
  admin: Pick<Config['admin'], 'knowsPassword' | 'nationalIdPasswordTypes'>;
  sms: Pick<Config['sms'], 'deliverable'>;
  verification: Pick<Config['verification'], 'mode'>;
}

/** Why an action cannot be used on an account, by code (the admin message table has the texts). */
export type ActionRefusal =
  'more_privileges' | 'account_ineligible' | 'no_sms_gateway' | 'no_phone' | 'no_national_id';

/** A refusal that holds for every option alike: the user page says it once instead of showing a menu. */
function accountWideRefusal(actor: User | null, target: User): ActionRefusal | null {
  if (actor && !holdsPermissionsOf(actor, target.roles)) return 'more_privileges';
  if (!isAccountEligible(target)) return 'account_ineligible';
  return null;
}

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
  const accountWide = accountWideRefusal(actor, target);
  if (accountWide) return accountWide;
  if (action === 'temp-password-sms' && !config.sms.deliverable) return 'no_sms_gateway';
  if (action === 'temp-password-sms' && !target.phone) return 'no_phone';
  if (action === 'reset-password' && lacksNationalIdPassword(target, config.admin.nationalIdPasswordTypes)) {
    return 'no_national_id';
  }
  return null;
}

/** Whether this action on this account waits for the agent to verify the caller. */
export function awaitsCallerVerification(
  action: AdminAction,
  target: User,
  config: AdminActionsConfig,
  callerVerified: boolean,
): boolean {
  return (
    !callerVerified &&
    verificationNeed(config.verification.mode, handsOverSecret(action), target) === 'required'
  );
}

/**
 * The text of why `actor` cannot use the action on this account now, or null when they can: a
 * refusal, else a caller still to verify (`callerVerified`: the actor holds a valid verification).
 */
export function describeActionRefusal(
  action: AdminAction,
  actor: User,
  target: User,
  config: AdminActionsConfig,
  callerVerified: boolean,
  t: Translate,
): string | null {
  const refusal = actionRefusal(action, actor, target, config);
  if (refusal) return describeRefusal(refusal, target, t);
  return awaitsCallerVerification(action, target, config, callerVerified)
    ? t('admin:refusals.verification_required')
    : null;
}

export function isActionOffered(action: AdminAction, config: AdminActionsConfig): boolean {
  return config.admin.knowsPassword || !HANDS_OVER_SECRET.has(action);
}

/** The user page's reset options: the menu's items, or one notice when none can be used on this account. */
export type AdminMenu = { items: AdminMenuItem[]; notice: null } | { items: []; notice: string };

/**
 * The "More options" menu of a user's detail page, or null when it is not shown: on one's own page
 * (use /account/password) and without `users:reset`. "Verify caller" leads it unless verification is off.
 */
export function describeAdminMenu(
  viewer: User,
  target: User,
  config: AdminActionsConfig,
  callerVerified: boolean,
  t: Translate,
): AdminMenu | null {
  if (viewer.id === target.id || !hasPermission(viewer, 'users:reset')) return null;
  const accountWide = accountWideRefusal(viewer, target);
  if (accountWide) return { items: [], notice: describeRefusal(accountWide, target, t) };
  const base = `/admin/users/${encodeURIComponent(target.id)}`;
  const resets: AdminMenuItem[] = ADMIN_ACTIONS.filter((action) => isActionOffered(action, config)).map(
    (action) => ({
      action,
      label: t(ADMIN_ACTION_LABELS[action]),
      href: `${base}/${ADMIN_ACTION_PATHS[action]}`,
      disabledReason: describeActionRefusal(action, viewer, target, config, callerVerified, t),
    }),
  );
  if (config.verification.mode === 'off') return { items: resets, notice: null };
  // Who may verify is who may send this account a reset link: the same privileges and status.
  const verify: AdminMenuItem = {
    action: VERIFY_ITEM.key,
    label: t(VERIFY_ITEM.label),
    href: `${base}/${VERIFY_ITEM.path}`,
    disabledReason: describeActionRefusal('reset-link', viewer, target, config, true, t),
  };
  return { items: [verify, ...resets], notice: null };
}
