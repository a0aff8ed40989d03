import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite';
import { FormClient } from '../support/form-client';
import { followLinkAndReset, readResetMail, smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';
import { csrfOf, signInAs } from './users-support';

const VALID = {
  username: '  Nia.Okafor@Example.ORG ',
  displayName: 'Nia Okafor',
  userType: 'employee',
  role: 'member',
  contactEmail: 'nia.home@example.net',
  phone: '+44 7700-900 123',
  nationalId: '',
  sendInvite: 'on',
};

describe('POST /admin/users/new: creating a user and inviting them', () => {
  let dir: string;
  let testApp: TestApp;
  let sink: SmtpSink;
  let admin: FormClient;
  let adminId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-create-'));
    sink = await new SmtpSink().start();
    testApp = buildTestApp({
      store: openSqliteStore(join(dir, 'store.db')),
      env: { APP_URL: 'https://desk.example.org' },
    });
    ({
      client: admin,
      user: { id: adminId },
    } = await signInAs(testApp, 'admin'));
  });
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = (fields: Record<string, string>) => admin.submit('/admin/users/new', fields);

  test('when an admin creates a user with an invitation, then the user gets the mail, sets a first password, becomes active and signs in', async () => {
    const form = await admin.get('/admin/users/new');
    expect(form.text).toMatch(/<input type="checkbox" name="sendInvite" checked/);

    const created = await create(VALID);
    expect(created.status).toBe(303);
    const id = /^\/admin\/users\/([\w-]+)$/.exec(created.headers.location!)![1]!;
    const stored = (await testApp.store.users.findById(id))!;
    expect(stored).toMatchObject({
      username: 'nia.okafor@example.org',
      displayName: 'Nia Okafor',
      contactEmail: 'nia.home@example.net',
      phone: '+447700900123',
      nationalId: null,
      status: 'pending',
      roles: ['member'],
      passwordHash: null,
    });
    const detail = await admin.get(created.headers.location!);
    expect(detail.text).toContain('An invitation is on its way to nia.okafor@example.org');
    expect(detail.text).toMatch(/<td data-label="Purpose">Invitation<\/td>[\s\S]*?data-delivery="queued"/);

    await smtpDelivery(testApp, sink)();
    const [mail, ...others] = sink.messages;
    expect(others).toHaveLength(0);
    expect(mail!.to).toMatchObject({ text: 'nia.okafor@example.org' });
    expect(mail!.subject).toBe('Set up your ResetDesk account');
    expect(mail!.text).toContain('set up your account');
    expect(mail!.text).toContain('(in 3 days)');
    expect((await admin.get(created.headers.location!)).text).toMatch(/data-delivery="sent"/);

    const newcomer = new FormClient(testApp.app);
    const done = await followLinkAndReset(newcomer, readResetMail(mail!), NEW_PASSWORD);
    expect([done.status, done.headers.location]).toEqual([303, '/login']);
    expect((await testApp.store.users.findById(id))!.status).toBe('active');
    const signedIn = await newcomer.signIn('nia.okafor@example.org', NEW_PASSWORD);
    expect([signedIn.status, signedIn.headers.location]).toEqual([303, '/']);
    expect((await newcomer.get('/account')).text).toContain('Nia Okafor');

    const events = (await testApp.store.audit.list({ targetId: id }, 1, 50)).items;
    const byAdmin = events.filter((event) => event.actorId === adminId).map((event) => event.action);
    expect(byAdmin.sort()).toEqual(['invite.sent', 'user.created']);
    const invite = events.find((event) => event.action === 'invite.sent')!;
    expect(invite).toMatchObject({ outcome: 'queued', channel: 'email' });
    expect(JSON.stringify(events)).not.toContain(readResetMail(mail!).code);
  });

  test('when the invitation box is unticked, then the user is created pending and no mail is queued', async () => {
    const created = await create({ ...VALID, sendInvite: '' });

    expect(created.status).toBe(303);
    const id = created.headers.location!.split('/').pop()!;
    expect((await testApp.store.users.findById(id))!.status).toBe('pending');
    expect(await testApp.store.resetRequests.listRecentForUser(id, 5)).toHaveLength(0);
    await smtpDelivery(testApp, sink)();
    expect(sink.messages).toHaveLength(0);
    expect((await admin.get(created.headers.location!)).text).toContain('No invitation was sent');
  });

  test('when every field is wrong, then each gets its own message, what was typed stays and nothing is saved', async () => {
    const res = await create({
      username: 'not-an-email',
      displayName: 'Bad\u202Ename',
      userType: 'robot',
      role: 'root',
      contactEmail: 'nope@',
      phone: '07700 900123',
      nationalId: '12345',
      sendInvite: 'on',
    });

    expect(res.status).toBe(400);
    expect(res.text).toContain('Check the highlighted fields: nothing was saved.');
    for (const [field, message] of [
      ['username', 'Enter a valid email address'],
      ['displayName', 'Remove line breaks and control characters.'],
      ['userType', 'Choose a user type from the list.'],
      ['role', 'Choose a role from the list.'],
      ['contactEmail', 'Enter a valid email address'],
      ['phone', 'international format'],
      ['nationalId', '10 digits and starts with 1 or 2'],
    ]) {
      expect(res.text).toMatch(new RegExp(`<p class="field-error" id="${field}-error">[^<]*${message}`));
      expect(res.text).toMatch(
        new RegExp(`id="${field}"[^>]*aria-describedby="[^"]*${field}-error"[^>]*aria-invalid="true"`),
      );
    }
    expect(res.text).toContain('value="not-an-email"');
    expect(res.text).toContain('value="07700 900123"');
    expect(await testApp.store.users.count()).toBe(1);
  });

  test('when required fields are blank or a national ID is given for a non-parent, then it is refused', async () => {
    const blank = await create({ username: ' ', displayName: '  ', userType: 'employee', role: 'member' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('Enter the username: the user’s email address');
    expect(blank.text).toContain('Enter the name people know this user by.');

    const tooLong = await create({ ...VALID, displayName: 'x'.repeat(101) });
    expect(tooLong.text).toContain('Use at most 100 characters.');

    const employeeWithId = await create({ ...VALID, nationalId: '2087654321' });
    expect(employeeWithId.status).toBe(400);
    expect(employeeWithId.text).toContain('Only these account types have a national ID (IQAMA): Parent.');

    const parent = await create({ ...VALID, userType: 'parent', nationalId: '208 765-4321' });
    expect(parent.status).toBe(303);
    const stored = await testApp.store.users.findByUsername('nia.okafor@example.org');
    expect(stored).toMatchObject({ userType: 'parent', nationalId: '2087654321' });
  });

  test('when the username is already in use (after normalization), then the field says so and nothing is created', async () => {
    expect((await create(VALID)).status).toBe(303);
    const again = await create({ ...VALID, username: 'NIA.okafor@example.org', displayName: 'Someone Else' });

    expect(again.status).toBe(409);
    expect(again.text).toMatch(/<p class="field-error" id="username-error">This username is already in use/);
    expect(again.text).toContain('value="Someone Else"');
    expect(await testApp.store.users.count()).toBe(2);
  });

  test('when fields arrive as arrays or operator objects, then the form is refused whole; over-long values field by field', async () => {
    const page = await admin.get('/admin/users/new');
    const fields = { _csrf: csrfOf(page.text), userType: 'employee', role: 'member' };
    const send = (body: Record<string, unknown>) =>
      admin.agent.post('/admin/users/new').set('Accept', 'text/html').send(body);

    const repeated = await send({
      ...fields,
      username: ['a@example.org', 'b@example.org'],
      displayName: 'A',
    });
    const operator = await send({ ...fields, username: 'a@example.org', displayName: { $ne: null } });
    expect(repeated.status).toBe(400);
    expect(repeated.text).toContain('The field “username” must be sent once, as plain text.');
    expect(operator.status).toBe(400);
    expect(operator.text).toContain('The field “displayName” must be sent once, as plain text.');

    const overLong = await send({
      ...fields,
      username: 'a@example.org',
      displayName: 'A',
      contactEmail: `${'a'.repeat(400)}@example.org`,
    });
    expect(overLong.status).toBe(400);
    expect(overLong.text).toMatch(/id="contactEmail-error">Use at most 320 characters./);
    expect(await testApp.store.users.count()).toBe(1);
  });
});
