import type { Translate } from '../i18n/localization';
import type { RoleName } from '../store';

/** Role names the console shows (`admin-users` catalog); user types and statuses are in `../auth/user-labels`. */
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
