import { FormClient } from '../support/form-client';
import { buildTestApp, type TestApp } from '../web/harness';
import { addUser, signInAs } from './users-support';

type Role = 'member' | 'helpdesk' | 'admin';

describe('permissions on the users console', () => {
  let testApp: TestApp;
  let targetId: string;
  const clients = {} as Record<Role, FormClient>;

  beforeAll(async () => {
    testApp = buildTestApp();
    targetId = (await addUser(testApp, { username: 'target@example.org' })).id;
    for (const role of ['member', 'helpdesk', 'admin'] as const) {
      clients[role] = (await signInAs(testApp, role)).client;
    }
  });
  afterAll(async () => {
    await testApp.close();
  });

  const pages: [string, (id: string) => string, Record<Role, number>][] = [
    ['list', () => '/admin/users', { member: 403, helpdesk: 200, admin: 200 }],
    ['detail', (id) => `/admin/users/${id}`, { member: 403, helpdesk: 200, admin: 200 }],
    ['new', () => '/admin/users/new', { member: 403, helpdesk: 403, admin: 200 }],
    ['edit', (id) => `/admin/users/${id}/edit`, { member: 403, helpdesk: 403, admin: 200 }],
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
