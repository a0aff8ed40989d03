import type { UserType } from '../store';

export const USER_TYPE_LABELS: Record<UserType, string> = {
  admin_staff: 'Administrative staff',
  employee: 'Employee',
  customer: 'Customer',
  supplier: 'Supplier',
  general: 'General',
  parent: 'Parent',
  device: 'Device',
};
