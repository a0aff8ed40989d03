import type { RoleName, User } from '../store';

export const PERMISSIONS = ['users:read', 'users:update', 'users:reset', 'audit:read'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<RoleName, readonly Permission[]> = {
  admin: PERMISSIONS,
  helpdesk: ['users:read', 'users:reset'],
  member: [],
};

export function hasPermission(user: Pick<User, 'roles'>, permission: Permission): boolean {
  return user.roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
