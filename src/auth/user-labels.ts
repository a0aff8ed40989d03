import type { UserStatus, UserType } from '../store';

/** Catalog keys: translate with `t(USER_TYPE_LABELS[type])` where they are shown. */
export const USER_TYPE_LABELS: Record<UserType, string> = {
  admin_staff: 'users:type.admin_staff',
  employee: 'users:type.employee',
  customer: 'users:type.customer',
  supplier: 'users:type.supplier',
  general: 'users:type.general',
  parent: 'users:type.parent',
  device: 'users:type.device',
};

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  active: 'users:status.active',
  pending: 'users:status.pending',
  suspended: 'users:status.suspended',
  deleted: 'users:status.deleted',
};
