import { ADMIN_ACTION_LABELS } from './admin/admin-messages';
import { ADMIN_ACTION_PATHS, ADMIN_ACTIONS } from './admin/admin-menu';
import type { Permission } from './auth/permissions';
import type { Translate } from './i18n/localization';
import type { RoleName, User } from './store';

export interface NavItem {
  href: string;
  /** A key of the `common` catalog. */
  label: string;
  /** Shown only to whoever holds it; null: every signed-in person. */
  permission: Permission | null;
}

/**
 * The side navigation of the signed-in frame, in order. A new console page adds one line here; an
 * item is current on its own path and below it (`/admin/users/…` keeps "Users" marked).
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'common:nav.home', permission: null },
  { href: '/admin/users', label: 'common:nav.users', permission: 'users:read' },
  { href: '/admin/audit', label: 'common:nav.audit', permission: 'audit:read' },
  { href: '/admin/api-tokens', label: 'common:nav.api_tokens', permission: 'tokens:manage' },
  { href: '/admin/webhooks', label: 'common:nav.webhooks', permission: 'webhooks:manage' },
  { href: '/account', label: 'common:nav.account', permission: null },
];

export interface NavLink {
  href: string;
  label: string;
  current: boolean;
}

function isWithin(path: string, href: string): boolean {
  if (href === '/') return path === '/';
  return path === href || path.startsWith(`${href}/`);
}

export function navigationFor(
  path: string,
  can: (permission: Permission) => boolean,
  t: Translate,
): NavLink[] {
  return NAV_ITEMS.filter((item) => item.permission === null || can(item.permission)).map((item) => ({
    href: item.href,
    label: t(item.label),
    current: isWithin(path, item.href),
  }));
}

const ROLE_LABELS: Record<RoleName, string> = {
  admin: 'common:roles.admin',
  helpdesk: 'common:roles.helpdesk',
  member: 'common:roles.member',
};

/** The header's "who is signed in": the most privileged role names the person. */
export function roleLabel(user: Pick<User, 'roles'>, t: Translate): string {
  const role = (['admin', 'helpdesk', 'member'] as const).find((name) => user.roles.includes(name));
  return t(ROLE_LABELS[role ?? 'member']);
}

/** The pages below a user's own page, by the path after `/admin/users/:id/`: catalog keys. */
const USER_SUBPAGES: Record<string, string> = {
  edit: 'common:crumbs.edit',
  verify: 'common:crumbs.verify',
  deliveries: 'common:crumbs.deliveries',
  ...Object.fromEntries(
    ADMIN_ACTIONS.map((action) => [ADMIN_ACTION_PATHS[action], ADMIN_ACTION_LABELS[action]]),
  ),
};

export interface Crumb {
  label: string;
  /** Null for the current page. */
  href: string | null;
}

/** The account a page is about, when the view has one (the detail page's `user`, other pages' `target`). */
interface Subject {
  id: string;
  displayName: string;
}

function userSubpageLabel(rest: string): string | null {
  if (USER_SUBPAGES[rest]) return USER_SUBPAGES[rest];
  const first = rest.split('/')[0] ?? '';
  return USER_SUBPAGES[first] ?? null;
}

/**
 * Breadcrumbs of an admin page (none elsewhere): Home › section › account › step. The last crumb is
 * the current page, without a link.
 */
export function breadcrumbsFor(path: string, subject: Subject | null, t: Translate): Crumb[] {
  if (!path.startsWith('/admin/')) return [];
  const crumbs: Crumb[] = [{ label: t('common:nav.home'), href: '/' }];
  const section = NAV_ITEMS.find((item) => item.href !== '/' && isWithin(path, item.href));
  if (!section) return crumbs;
  const rest = path.slice(section.href.length + 1);
  crumbs.push({ label: t(section.label), href: rest ? section.href : null });
  if (section.href === '/admin/users' && rest === 'new')
    crumbs.push({ label: t('common:crumbs.new_user'), href: null });
  else if (section.href === '/admin/users' && rest && subject) {
    const userPage = `/admin/users/${encodeURIComponent(subject.id)}`;
    crumbs.push({ label: subject.displayName, href: userPage });
    const step = userSubpageLabel(rest.split('/').slice(1).join('/'));
    if (step) crumbs.push({ label: t(step), href: null });
  }
  const last = crumbs[crumbs.length - 1]!;
  if (last.href === path) last.href = null;
  return crumbs;
}
