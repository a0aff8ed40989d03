import type { User } from '../../src/store';
import { FormClient } from '../support/form-client';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';
import { addUser, csrfOf, signInAs } from './users-support';

describe('POST /admin/users/:id/edit: editing a profile', () => {
  let testApp: TestApp;
  let admin: FormClient;
  let adminUser: User;

  beforeEach(async () => {
    testApp = buildTestApp();
    ({ client: admin, user: adminUser } = await signInAs(testApp, 'admin'));
  });
  afterEach(async () => {
    await testApp.close();
  });

  /** The edit form's fields as shown, with some changed. */
  async function edit(user: User, changes: Record<string, string>) {
    const path = `/admin/users/${user.id}/edit`;
    const page = await admin.get(path);
    const current: Record<string, string> = {};
    for (const [, name, value] of page.text.matchAll(
      /<input id="\w+" name="(\w+)" type="(?:text|email|tel)" value="([^"]*)"/g,
    )) {
      current[name!] = value!;
    }
    for (const [, name, value] of page.text.matchAll(
      /<select id="\w+" name="(\w+)"[\s\S]*?<option value="(\w+)" selected>/g,
    )) {
      current[name!] = value!;
    }
    return admin.agent
      .post(path)
      .set('Accept', 'text/html')
      .type('form')
      .send({ ...current, ...changes, _csrf: csrfOf(page.text) });
  }

  const reload = async (user: User) => (await testApp.store.users.findById(user.id))!;
  const updates = async (user: User) =>
    (await testApp.store.audit.list({ targetId: user.id, action: 'user.updated' }, 1, 10)).items;

  test('when the admin changes several fields, then they are saved normalized and the audit names the fields only', async () => {
    const user = await addUser(testApp, { username: 'old@example.org', phone: '+447700900001' });
    const res = await edit(user, {
      username: '  New.Name@Example.ORG ',
      displayName: 'New Name',
      contactEmail: 'contact@example.net',
      phone: '+1 (555) 555-0123',
      userType: 'customer',
      role: 'helpdesk',
    });

    expect([res.status, res.headers.location]).toEqual([303, `/admin/users/${user.id}`]);
    expect(await reload(user)).toMatchObject({
      username: 'new.name@example.org',
      displayName: 'New Name',
      contactEmail: 'contact@example.net',
      phone: '+15555550123',
      userType: 'customer',
      roles: ['helpdesk'],
      status: 'active',
    });
    const detail = await admin.get(`/admin/users/${user.id}`);
    expect(detail.text).toContain('Saved username, name, user type, contact email, phone, role.');
    const [event] = await updates(user);
    expect(event).toMatchObject({ actorId: adminUser.id, outcome: 'ok' });
    expect(event!.details.fields).toBe('username,displayName,userType,contactEmail,phone,roles');
    expect(JSON.stringify(event)).not.toMatch(/5555550123|7700900001/);
  });

  test('when nothing was changed, then nothing is written or audited', async () => {
    const user = await addUser(testApp);
    const res = await edit(user, {});

    expect(res.status).toBe(303);
    expect((await admin.get(res.headers.location!)).text).toContain('Nothing changed.');
    expect(await updates(user)).toHaveLength(0);
    expect((await reload(user)).updatedAt).toEqual(user.updatedAt);
  });

  test('when the new username belongs to someone else, then the field says so and nothing is written', async () => {
    await addUser(testApp, { username: 'taken@example.org' });
    const user = await addUser(testApp, { username: 'mine@example.org', displayName: 'Mine' });
    const res = await edit(user, { username: 'TAKEN@example.org', displayName: 'Changed Too' });

    expect(res.status).toBe(409);
    expect(res.text).toMatch(/id="username-error">This username is already in use/);
    expect(res.text).toContain('value="Changed Too"');
    expect(await reload(user)).toMatchObject({ username: 'mine@example.org', displayName: 'Mine' });
    expect(await updates(user)).toHaveLength(0);
  });

  test('when the username changes, then open invitation links are cancelled', async () => {
    const created = await admin.submit('/admin/users/new', {
      username: 'typo@example.orgg',
      displayName: 'Typo Person',
      userType: 'employee',
      role: 'member',
      sendInvite: 'on',
    });
    const user = (await testApp.store.users.findByUsername('typo@example.orgg'))!;
    expect(await testApp.store.resetRequests.findOpenCodeByUser(user.id, new Date())).not.toBeNull();

    const res = await edit(user, { username: 'typo@example.org' });
    expect(res.status).toBe(303);
    expect(await testApp.store.resetRequests.findOpenCodeByUser(user.id, new Date())).toBeNull();
    const detail = await admin.get(created.headers.location!);
    expect(detail.text).toContain('Open reset and invitation links were cancelled.');
    expect(detail.text).toContain('Voided (replaced or cancelled)');
  });

  test('when a user is suspended, then their sessions are revoked at once and the audit shows it', async () => {
    const ada = await seedUser(testApp);
    const adaBrowser = new FormClient(testApp.app);
    await adaBrowser.signIn(ada.username, STRONG_PASSWORD);
    expect((await adaBrowser.get('/account')).status).toBe(200);

    const res = await edit(ada, { status: 'suspended' });

    expect(res.status).toBe(303);
    expect((await admin.get(res.headers.location!)).text).toContain(
      'Saved status. The account is now suspended. Signed out 1 session.',
    );
    expect((await adaBrowser.get('/account')).headers.location).toBe('/login');
    expect(await testApp.store.sessions.listByUser(ada.id, new Date())).toHaveLength(0);
    const revoked = await testApp.store.audit.list({ targetId: ada.id, action: 'sessions.revoked' }, 1, 5);
    expect(revoked.items[0]).toMatchObject({
      actorId: adminUser.id,
      details: { revoked: 1, reason: 'suspended' },
    });
    expect((await updates(ada))[0]!.details).toMatchObject({ statusFrom: 'active', statusTo: 'suspended' });

    expect((await edit(ada, { status: 'active' })).status).toBe(303);
    expect((await reload(ada)).status).toBe('active');
  });

  test('when a user is suspended, then a caller verification an agent holds for them is voided too', async () => {
    const ada = await addUser(testApp);
    const now = new Date();
    const verified = await testApp.store.verifications.createInPerson(
      {
        targetId: ada.id,
        agentId: adminUser.id,
        note: 'photo ID checked',
        ticketRef: null,
        validUntil: new Date(now.getTime() + 600_000),
      },
      now,
    );
    expect((await testApp.store.verifications.findValid(ada.id, adminUser.id, now))?.id).toBe(verified.id);

    expect((await edit(ada, { status: 'suspended' })).status).toBe(303);

    expect(await testApp.store.verifications.findValid(ada.id, adminUser.id, new Date())).toBeNull();
  });

  test('when a pending account is edited, then it can stay pending or be closed, but not be made active by hand', async () => {
    const pending = await addUser(testApp, { status: 'pending' });
    const page = await admin.get(`/admin/users/${pending.id}/edit`);
    expect(page.text).not.toContain('<option value="active"');

    const res = await edit(pending, { status: 'active' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('A pending account becomes active when its owner sets a first password');
    expect((await reload(pending)).status).toBe('pending');
    expect((await edit(pending, { status: 'deleted' })).status).toBe(303);
    expect((await reload(pending)).status).toBe('deleted');
  });

  test('when admins edit their own account, then role and status are not offered and forged values are refused', async () => {
    const page = await admin.get(`/admin/users/${adminUser.id}/edit`);
    expect(page.text).not.toContain('name="role"');
    expect(page.text).not.toContain('name="status"');
    expect(page.text).toContain('you cannot change your own role: ask another administrator');

    const demote = await edit(adminUser, { role: 'member' });
    const suspend = await edit(adminUser, { status: 'suspended' });
    expect([demote.status, suspend.status]).toEqual([400, 400]);
    expect(demote.text).toContain('You cannot change your own role: ask another administrator.');
    expect(suspend.text).toContain('You cannot change your own status: ask another administrator.');
    expect(await reload(adminUser)).toMatchObject({ roles: ['admin'], status: 'active' });

    expect((await edit(adminUser, { displayName: 'Admin Renamed' })).status).toBe(303);
    expect((await reload(adminUser)).displayName).toBe('Admin Renamed');
  });

  test('when a parent has a national ID, then the form never shows it, blank keeps it, a new one replaces it and the box removes it', async () => {
    const parent = await addUser(testApp, { userType: 'parent', nationalId: '2087654321' });
    const page = await admin.get(`/admin/users/${parent.id}/edit`);
    expect(page.text).not.toContain('2087654321');
    expect(page.text).toContain('On file: ••••••4321. Leave blank to keep it');

    expect((await edit(parent, { displayName: 'Renamed Parent' })).status).toBe(303);
    expect((await reload(parent)).nationalId).toBe('2087654321');
    expect((await edit(parent, { nationalId: '1012345678' })).status).toBe(303);
    expect((await reload(parent)).nationalId).toBe('1012345678');
    const both = await edit(parent, { nationalId: '1012345679', removeNationalId: 'on' });
    expect(both.status).toBe(400);
    expect(both.text).toContain('Either type a new national ID or tick “Remove”, not both.');

    const toEmployee = await edit(parent, { userType: 'employee' });
    expect(toEmployee.status).toBe(400);
    expect(toEmployee.text).toContain('Tick “Remove the national ID on file” first.');
    expect((await edit(parent, { userType: 'employee', removeNationalId: 'on' })).status).toBe(303);
    expect(await reload(parent)).toMatchObject({ userType: 'employee', nationalId: null });
    expect((await updates(parent))[0]!.details.fields).toBe('userType,nationalId');
  });

  test('when the contact email is invalid or a field is an operator object, then it is refused and nothing is written', async () => {
    const user = await addUser(testApp, { contactEmail: 'ok@example.net' });
    const bad = await edit(user, { contactEmail: 'bad address@example' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="contactEmail-error">Enter a valid email address/);

    const page = await admin.get(`/admin/users/${user.id}/edit`);
    const forged = await admin.agent
      .post(`/admin/users/${user.id}/edit`)
      .set('Accept', 'text/html')
      .send({
        _csrf: csrfOf(page.text),
        username: { $ne: null },
        displayName: 'X',
        userType: 'employee',
        role: 'admin',
        status: 'active',
      });
    expect(forged.status).toBe(400);
    expect(await reload(user)).toMatchObject({
      contactEmail: 'ok@example.net',
      roles: ['member'],
      displayName: 'Some One',
    });
  });
});
