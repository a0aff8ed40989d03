import { hasPermission, PERMISSIONS } from '../../src/auth/permissions';
import type { RoleName } from '../../src/store';

describe('roles and permissions', () => {
  test.each<[RoleName[], string[]]>([
    [['admin'], ['users:read', 'users:update', 'users:reset', 'audit:read']],
    [['helpdesk'], ['users:read', 'users:reset']],
    [['member'], []],
    [
      ['member', 'helpdesk'],
      ['users:read', 'users:reset'],
    ],
    [[], []],
  ])('when the roles are %j, then exactly %j are granted', (roles, granted) => {
    expect(PERMISSIONS.filter((permission) => hasPermission({ roles }, permission))).toEqual(granted);
  });
});
