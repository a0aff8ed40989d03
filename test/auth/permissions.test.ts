import { hasPermission, holdsPermissionsOf, PERMISSIONS } from '../../src/auth/permissions';
import type { RoleName } from '../../src/store';

describe('roles and permissions', () => {
  test.each<[RoleName[], string[]]>([
    [
      ['admin'],
      [
        'users:read',
        'users:update',
        'users:reset',
        'users:verify-in-person',
        'audit:read',
        'tokens:manage',
        'webhooks:manage',
      ],
    ],
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

describe('privilege containment', () => {
  const roleSets: RoleName[][] = [['admin'], ['helpdesk'], ['member'], [], ['member', 'helpdesk']];
  const rank = (roles: RoleName[]) => (roles.includes('admin') ? 2 : roles.includes('helpdesk') ? 1 : 0);

  test.each(roleSets.flatMap((actor) => roleSets.map((target) => [actor, target] as const)))(
    'when an actor with %j meets roles %j, then it holds their permissions only if it ranks as high',
    (actor, target) => {
      expect(holdsPermissionsOf({ roles: actor }, target)).toBe(rank(actor) >= rank(target));
    },
  );
});
