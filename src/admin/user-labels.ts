import type { Translate } from '../i18n/localization';
import type { RoleName, UserStatus, UserType } from '../store';

/** The user-type and status names the console shows (`admin-users` catalog). */
export const USER_TYPE_LABELS: Record<UserType, string> = {
  admin_staff: 'admin-users:types.admin_staff',
  employee: 'admin-users:types.employee',
  customer: 'admin-users:types.customer',
  supplier: 'admin-users:types.supplier',
  general: 'admin-users:types.general',
  parent: 'admin-users:types.parent',
  device: 'admin-users:types.device',
};

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  active: 'admin-users:statuses.active',
  pending: 'admin-users:statuses.pending',
  suspended: 'admin-users:statuses.suspended',
  deleted: 'admin-users:statuses.deleted',
};

export const ROLE_LABELS: Record<RoleName, string> = {
  admin: 'admin-users:roles.admin',
  helpdesk: 'admin-users:roles.helpdesk',
  member: 'admin-users:roles.member',
};

/** Options of a select: each value with its translated name. */
export function labelledOptions<T extends string>(
  labels: Record<T, string>,
  t: Translate,
  values: readonly T[] = Object.keys(labels) as T[],
): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: t(labels[value]) }));
}
