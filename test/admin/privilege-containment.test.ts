import type { RoleName, User } from '../../src/store';
import { confirmAction } from '../support/admin';
import { csrfFrom, FormClient } from '../support/form-client';
import { NEW_PASSWORD, seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';
import { signInAs } from './users-support';

const ROLES: RoleName[] = ['member', 'helpdesk', 'admin'];
const RANK: Record<RoleName, number> = { member: 0, helpdesk: 1, admin: 2 };

interface ActionCase {
  name: string;
  path: string;
  /** The permission the route needs before privileges are compared. */
  permission: 'users:reset' | 'users:update';
  fields: Record<string, string>;
}

/** Every admin action that changes an account, with the fields a person would submit. */
const ACTIONS: ActionCase[] = [
  { name: 'send reset link', path: 'reset-link', permission: 'users:reset', fields: {} },
  {
    name: 'one-click reset',
    path: 'reset-password',
    permission: 'users:reset',
    fields: { sendEmail: 'on', logoutSessions: 'on' },
  },
  {
    name: 'temporary password by SMS',
    path: 'temp-password-sms',
    permission: 'users:reset',
    fields: { logoutSessions: 'on' },
  },
  {
    name: 'set password',
    path: 'password',
    permission: 'users:reset',
    fields: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, logoutSessions: 'on' },
  },
  { name: 'sign out all sessions', path: 'sessions/revoke', permission: 'users:reset', fields: {} },
  {
    name: 'edit (promote to admin)',
    path: 'edit',
    permission: 'users:update',
    fields: {
      username: '',
      displayName: 'Target Person',
      userType: 'admin_staff',
      role: 'admin',
      status: 'active',
    },
  },
];

const ACTOR_PERMISSIONS: Record<RoleName, string[]> = {
  member: [],
  helpdesk: ['users:reset'],
  admin: ['users:reset', 'users:update'],
};

/** What an account looks like from the store: its secret, its sessions and its roles. */
async function snapshot(testApp: TestApp, user: User) {
  const stored = (await testApp.store.users.findById(user.id))!;
  const sessions = await testApp.store.sessions.listByUser(user.id, new Date());
  return {
    passwordHash: stored.passwordHash,
    sessionVersion: stored.sessionVersion,
    sessions: sessions.length,
    roles: stored.roles,
    openRequests: (await testApp.store.resetRequests.listRecentForUser(user.id, 5)).length,
  };
}

describe('privilege containment: actor role × target role × every admin action', () => {
  let testApp: TestApp;
  const actors = {} as Record<RoleName, { client: FormClient; user: User }>;
  let serial = 0;

  beforeAll(async () => {
    // Containment is checked before any caller verification, which has its own suite.
    testApp = buildTestApp({ env: { LOGIN_RATE_LIMIT: '1000', HELPDESK_VERIFICATION: 'optional' } });
    for (const role of ROLES) actors[role] = await signInAs(testApp, role);
  });
  afterAll(async () => {
    await testApp.close();
  });

  /** A fresh signed-in account holding `role`, so each cell starts from the same state. */
  async function signedInTarget(role: RoleName): Promise<User> {
    serial += 1;
    const target = await seedUser(testApp, {
      username: `target${serial}.${role}@example.org`,
      displayName: 'Target Person',
      userType: 'admin_staff',
      roles: [role],
      phone: '+447700900123',
    });
    const signIn = await new FormClient(testApp.app).signIn(target.username, STRONG_PASSWORD);
    if (signIn.status !== 303) throw new Error(`target sign-in failed with ${signIn.status}`);
    return target;
  }

  /** Posts as a person would when the form is offered; otherwise forges the POST with a valid CSRF token. */
  async function attempt(client: FormClient, target: User, action: ActionCase) {
    const path = `/admin/users/${target.id}/${action.path}`;
    const fields = action.path === 'edit' ? { ...action.fields, username: target.username } : action.fields;
    const page = await client.get(path);
    if (page.status === 200) return confirmAction(client, path, fields);
    const csrf = csrfFrom((await client.get('/account')).text);
    return client.agent
      .post(path)
      .set('Accept', 'text/html')
      .type('form')
      .send({ ...fields, _csrf: csrf });
  }

  const cells = ROLES.flatMap((actor) =>
    ROLES.flatMap((target) => ACTIONS.map((action) => [actor, target, action.name, action] as const)),
  );

  test.each(cells)(
    'when a %s attempts on a %s account: %s, then it succeeds only within their privileges',
    async (actorRole, targetRole, _name, action) => {
      const target = await signedInTarget(targetRole);
      const actor = actors[actorRole];
      const before = await snapshot(testApp, target);
      const refusalsBefore = (
        await testApp.store.audit.list({ action: 'authorization.refused', targetId: target.id }, 1, 10)
      ).total;

      const res = await attempt(actor.client, target, action);

      const permitted = ACTOR_PERMISSIONS[actorRole].includes(action.permission);
      const contained = RANK[actorRole] >= RANK[targetRole];
      if (permitted && contained) {
        expect([200, 303]).toContain(res.status);
        return;
      }
      expect(res.status).toBe(403);
      expect(await snapshot(testApp, target)).toEqual(before);
      const refusals = await testApp.store.audit.list(
        { action: 'authorization.refused', targetId: target.id },
        1,
        10,
      );
      // Without the permission the route refuses before it looks at the account; with it, the
      // confirmation page (GET) and the forged POST are each refused and audited.
      expect(refusals.total - refusalsBefore).toBe(permitted ? 2 : 0);
      if (permitted) {
        expect(res.text).toContain('more privileges than yours');
        expect(refusals.items[0]).toMatchObject({
          actorId: actor.user.id,
          outcome: 'more_privileges',
          details: {
            attempted: action.path === 'sessions/revoke' ? 'sessions-revoke' : action.path,
            method: 'POST',
          },
        });
      }
    },
  );

  test('the probe’s chain is closed: helpdesk cannot set an admin’s password, sign in as them, or promote itself', async () => {
    const admin = await signedInTarget('admin');
    const helpdesk = actors.helpdesk;
    const set = await attempt(
      helpdesk.client,
      admin,
      ACTIONS.find((a) => a.path === 'password')!,
    );
    expect(set.status).toBe(403);
    const asAdmin = await new FormClient(testApp.app).signIn(admin.username, NEW_PASSWORD);
    expect(asAdmin.status).not.toBe(303);
    const promote = await attempt(
      helpdesk.client,
      helpdesk.user,
      ACTIONS.find((a) => a.path === 'edit')!,
    );
    expect(promote.status).toBe(403);
    expect((await testApp.store.users.findById(helpdesk.user.id))!.roles).toEqual(['helpdesk']);
  });

  test('the confirmation page of an account with more privileges is refused too, and audited as a GET', async () => {
    const admin = await signedInTarget('admin');
    const res = await actors.helpdesk.client.get(`/admin/users/${admin.id}/reset-password`);
    expect(res.status).toBe(403);
    const refusals = await testApp.store.audit.list(
      { action: 'authorization.refused', targetId: admin.id },
      1,
      10,
    );
    expect(refusals.items[0]!.details).toEqual({ attempted: 'reset-password', method: 'GET' });
  });

  test('an account with more privileges shows one notice with the reason instead of the “More options” menu', async () => {
    const admin = await signedInTarget('admin');
    const page = await actors.helpdesk.client.get(`/admin/users/${admin.id}`);
    expect(page.status).toBe(200);
    const notices = [...page.text.matchAll(/data-testid="options-notice"><p>([\s\S]*?)<\/p>/g)];
    expect(notices).toHaveLength(1);
    expect(notices[0]![1]).toContain('You cannot reset an account with more privileges than yours.');
    expect(page.text.match(/more privileges than yours/g)).toHaveLength(1);
    expect(page.text).not.toContain('data-menu');
    const member = await signedInTarget('member');
    const memberPage = await actors.helpdesk.client.get(`/admin/users/${member.id}`);
    expect(memberPage.text).not.toContain('more privileges than yours');
  });

  test('the users list marks accounts with more privileges as view only, and only for those', async () => {
    const admin = await signedInTarget('admin');
    const member = await signedInTarget('member');
    const listed = async (client: FormClient, user: User) =>
      (await client.get(`/admin/users?q=${encodeURIComponent(user.username)}`)).text;
    expect(await listed(actors.helpdesk.client, admin)).toContain('data-testid="more-privileges"');
    expect(await listed(actors.helpdesk.client, member)).not.toContain('data-testid="more-privileges"');
    expect(await listed(actors.admin.client, admin)).not.toContain('data-testid="more-privileges"');
    expect(await listed(actors.admin.client, admin)).toContain(`data-user-id="${admin.id}"`);
  });
});
