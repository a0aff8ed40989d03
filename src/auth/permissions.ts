import type { RoleName, User } from '../store';

export const PERMISSIONS = [
  'users:read',
  'users:update',
  'users:reset',
  'users:verify-in-person',
  'audit:read',
  'tokens:manage',
  'webhooks:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<RoleName, readonly Permission[]> = {
  admin: PERMISSIONS,
  helpdesk: ['users:read', 'users:reset'],
  member: [],
};

export function hasPermission(user: Pick<User, 'roles'>, permission: Permission): boolean {
  return user.roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/**
 * Privilege containment, the one rule for every admin action and every role grant: the actor must
 * hold each permission the given roles carry. Acting on an account checks its roles; granting a
 * role checks that role. Without it a help-desk agent could reset an admin's password and sign in
 * as them.
 */
export function holdsPermissionsOf(actor: Pick<User, 'roles'>, roles: readonly RoleName[]): boolean {
  return roles.every((role) =>
    ROLE_PERMISSIONS[role].every((permission) => hasPermission(actor, permission)),
  );
}

/** Holds any permission at all (help desk or admin): such an account's reset raises a security alert. */
export function holdsAnyPermission(user: Pick<User, 'roles'>): boolean {
  return PERMISSIONS.some((permission) => hasPermission(user, permission));
}
