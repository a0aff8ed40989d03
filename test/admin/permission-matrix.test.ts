import { FormClient } from '../support/form-client';
import { buildTestApp, type TestApp } from '../web/harness';
import { addUser, signInAs } from './users-support';

type Role = 'member' | 'helpdesk' | 'admin';

/** Every admin route × member / helpdesk / admin (SPEC §1: helpdesk = users:read + users:reset). */
describe('permission matrix of the admin console', () => {
  let testApp: TestApp;
  let targetId: string;
  let outboxId: string;
  const clients = {} as Record<Role, FormClient>;

  beforeAll(async () => {
    testApp = buildTestApp();
    targetId = (await addUser(testApp, { username: 'target@example.org' })).id;
    outboxId = (
      await testApp.store.outbox.enqueue(
        { channel: 'sms', payload: 'sealed', usefulUntil: new Date(Date.now() + 3600_000), userId: targetId },
        new Date(),
      )
    ).id;
    for (const role of ['member', 'helpdesk', 'admin'] as const) {
      clients[role] = (await signInAs(testApp, role)).client;
    }
  });
  afterAll(async () => {
    await testApp.close();
  });

  const readers = { member: 403, helpdesk: 200, admin: 200 };
  const adminsOnly = { member: 403, helpdesk: 403, admin: 200 };
  const pages: [string, (id: string) => string, Record<Role, number>][] = [
    ['list', () => '/admin/users', readers],
    ['detail', (id) => `/admin/users/${id}`, readers],
    ['new', () => '/admin/users/new', adminsOnly],
    ['edit', (id) => `/admin/users/${id}/edit`, adminsOnly],
    ['send reset link', (id) => `/admin/users/${id}/reset-link`, readers],
    ['one-click reset', (id) => `/admin/users/${id}/reset-password`, readers],
    ['temporary password by SMS', (id) => `/admin/users/${id}/temp-password-sms`, readers],
    ['set password', (id) => `/admin/users/${id}/password`, readers],
    ['sign out all sessions', (id) => `/admin/users/${id}/sessions/revoke`, readers],
    ['delivery status', (id) => `/admin/users/${id}/deliveries/${outboxId}`, readers],
    ['audit log', () => '/admin/audit', adminsOnly],
    ['audit CSV', () => '/admin/audit.csv', adminsOnly],
    ['API tokens', () => '/admin/api-tokens', adminsOnly],
    ['webhooks', () => '/admin/webhooks', adminsOnly],
  ];

  test.each(pages)(
    'when each role opens the %s page, then it gets the expected status',
    async (_name, path, expected) => {
      for (const role of ['member', 'helpdesk', 'admin'] as const) {
        const res = await clients[role].get(path(targetId));
        expect({ role, status: res.status }).toEqual({ role, status: expected[role] });
        if (expected[role] === 403) expect(res.text).toContain('does not have permission');
      }
    },
  );

  test.each(pages)(
    'when a signed-out visitor opens the %s page, then they are sent to sign in',
    async (_name, path) => {
      const res = await new FormClient(testApp.app).get(path(targetId));
      expect([res.status, res.headers.location]).toEqual([303, '/login']);
    },
  );

  test('when a helpdesk member posts the create or edit form, then it is refused and nothing changes', async () => {
    const helpdesk = clients.helpdesk;
    const created = await helpdesk.submit(
      '/admin/users',
      { username: 'sneaky@example.org', displayName: 'Sneaky', userType: 'employee', role: 'admin' },
      '/admin/users/new',
    );
    const edited = await helpdesk.submit(
      '/admin/users',
      {
        username: 'target@example.org',
        displayName: 'Renamed',
        userType: 'employee',
        role: 'admin',
        status: 'active',
      },
      `/admin/users/${targetId}/edit`,
    );

    expect([created.status, edited.status]).toEqual([403, 403]);
    expect(await testApp.store.users.findByUsername('sneaky@example.org')).toBeNull();
    expect((await testApp.store.users.findById(targetId))!.roles).toEqual(['member']);
  });

  test.each([
    ['reset-link', 303],
    ['sessions/revoke', 303],
  ])('when each role posts %s, then only staff with users:reset get through', async (action, allowed) => {
    for (const role of ['member', 'helpdesk', 'admin'] as const) {
      const path = `/admin/users/${targetId}/${action}`;
      const res = await clients[role].submit('/account', {}, path);
      expect({ role, status: res.status }).toEqual({ role, status: role === 'member' ? 403 : allowed });
    }
  });

  test('when the form is posted without a CSRF token, then it is refused with 403', async () => {
    const res = await clients.admin.agent.post('/admin/users/new').type('form').send({
      username: 'nocsrf@example.org',
      displayName: 'No Token',
      userType: 'employee',
      role: 'member',
    });

    expect(res.status).toBe(403);
    expect(await testApp.store.users.findByUsername('nocsrf@example.org')).toBeNull();
  });

  test('when an unknown user id is opened, then the 404 page says so', async () => {
    for (const path of [
      '/admin/users/no-such-id',
      `/admin/users/${'x'.repeat(500)}`,
      '/admin/users/no-such-id/edit',
    ]) {
      const res = await clients.admin.get(path);
      expect(res.status).toBe(404);
      expect(res.text).toContain('There is no user with this id');
    }
  });
});
