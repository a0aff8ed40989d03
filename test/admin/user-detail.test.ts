import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite';
import { FormClient } from '../support/form-client';
import { localized } from '../support/i18n';
import { smtpDelivery } from '../support/reset-flow';
import { deliverToRestartedSink, SmtpSink } from '../support/smtp-sink';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';
import { signInAs } from './users-support';

const INVITEE = {
  username: 'kim@example.org',
  displayName: 'Kim Park',
  userType: 'parent',
  role: 'member',
  phone: '+966 50 123 4567',
  nationalId: '2087654321',
  sendInvite: 'on',
};

describe('GET /admin/users/:id: the detail page', () => {
  let dir: string;
  let testApp: TestApp;
  let now: number;
  let admin: FormClient;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-detail-'));
    now = Date.now();
    testApp = buildTestApp({
      store: openSqliteStore(join(dir, 'store.db')),
      clock: () => new Date(now),
      env: { LOCKOUT_THRESHOLD: '3' },
    });
    ({ client: admin } = await signInAs(testApp, 'admin', { displayName: 'Grace Admin' }));
  });
  afterEach(async () => {
    await testApp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function invite(): Promise<string> {
    const created = await admin.submit('/admin/users/new', INVITEE);
    expect(created.status).toBe(303);
    return created.headers.location!;
  }

  const deliveryOf = (html: string) => /data-delivery="([a-z_]+)"/.exec(html)?.[1];

  test('when the profile has a phone and national ID, then only their last digits reach the HTML', async () => {
    const page = await admin.get(await invite());

    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<dd><bdi dir="ltr">••••••567</bdi></dd>');
    expect(page.text).toContain('<dd><bdi dir="ltr">••••••4321</bdi></dd>');
    for (const secret of ['+966501234567', '966501234567', '501234567', '2087654321', '087654321']) {
      expect(page.text).not.toContain(secret);
    }
    expect(page.text).toContain('<dd>Parent</dd>');
    expect(page.text).toContain('Pending');
    expect(page.text).toContain('<dd>Not set yet</dd>');
  });

  test('when the invitation is waiting, sent, or its record purged, then the delivery column follows the outbox', async () => {
    const path = await invite();
    const queued = await admin.get(path);
    expect(deliveryOf(queued.text)).toBe('queued');
    expect(queued.text).toMatch(
      /<td data-label="Purpose">Invitation<\/td>\s*<td data-label="Channel">Email<\/td>\s*<td data-label="Asked by"><bdi>Grace Admin<\/bdi><\/td>/,
    );
    expect(queued.text).toContain('<td data-label="State">Open</td>');

    const sink = await new SmtpSink().start();
    try {
      await smtpDelivery(testApp, sink)();
    } finally {
      await sink.stop();
    }
    expect(sink.messages).toHaveLength(1);
    expect(deliveryOf((await admin.get(path)).text)).toBe('sent');

    await testApp.store.outbox.purgeFinished(new Date(now + 1000));
    const purged = await admin.get(path);
    expect(deliveryOf(purged.text)).toBe('untracked');
    expect(purged.text).toContain('No longer tracked');
  });

  test('when the mail server is down, then the delivery shows "failed, retrying", and "sent" once it is back', async () => {
    const path = await invite();
    const sink = await new SmtpSink().start();
    const port = sink.port;
    await sink.stop();
    const deliver = smtpDelivery(testApp, sink);
    await deliver();

    const failing = await admin.get(path);
    expect(deliveryOf(failing.text)).toBe('retrying');
    expect(failing.text).toContain('Failed, retrying');
    expect(failing.text).toMatch(/Attempt 1 failed \(ESOCKET ECONNREFUSED: could not connect\); next try/);

    now += 10_000;
    expect(await deliverToRestartedSink(port, deliver)).toHaveLength(1);
    expect(deliveryOf((await admin.get(path)).text)).toBe('sent');
  });

  test('when the mail server refuses the address, then the delivery shows "abandoned" with the reason', async () => {
    const path = await invite();
    const sink = await new SmtpSink({ rejectRecipients: ['kim@example.org'] }).start();
    try {
      await smtpDelivery(testApp, sink)();
    } finally {
      await sink.stop();
    }

    const page = await admin.get(path);
    expect(deliveryOf(page.text)).toBe('abandoned');
    expect(page.text).toMatch(/Gave up after 1 attempt: [^<]*550/);
  });

  test('when the user is locked out and signed in twice, then the page shows the lock, the failures and 2 sessions', async () => {
    const ada = await seedUser(testApp);
    for (const device of [new FormClient(testApp.app), new FormClient(testApp.app)]) {
      expect((await device.signIn(ada.username, STRONG_PASSWORD)).status).toBe(303);
    }
    const before = await admin.get(`/admin/users/${ada.id}`);
    expect(before.text).toMatch(/data-testid="lockout">Not locked</);
    expect(before.text).toMatch(/data-testid="active-sessions">2</);
    expect(before.text).not.toContain('<dd>Never</dd>');

    for (let i = 0; i < 3; i++) await new FormClient(testApp.app).signIn(ada.username, 'Wrong-Password-1!');
    const locked = await admin.get(`/admin/users/${ada.id}`);
    const until = localized().formatDateTime(new Date(now + 15 * 60_000));
    expect(locked.text).toContain(`data-testid="lockout">Locked until ${until}<`);
    expect(locked.text).toContain('3 since the last successful sign-in');
    expect(locked.text).toMatch(/data-audit-code="account.locked">Ada Lovelace was locked after/);
  });

  test('when a helpdesk member views another user, then the More options menu is there but not Edit or the audit link', async () => {
    const path = await invite();
    const { client: helpdesk } = await signInAs(testApp, 'helpdesk');
    const page = await helpdesk.get(path);

    expect(page.text).toContain('id="more-options-button"');
    expect(page.text).not.toContain('Edit profile');
    expect(page.text).not.toContain('/admin/audit?target=');
    expect(page.text).toMatch(/data-audit-code="user.created">Grace Admin created the account [^<]+</);
  });

  test('when an admin views their own page, then there is no menu, a note points to My account, and audit is linked', async () => {
    const self = (await testApp.store.users.findByUsername('admin@staff.example.org'))!;
    const page = await admin.get(`/admin/users/${self.id}`);

    expect(page.text).not.toContain('more-options');
    expect(page.text).toContain(
      'This is your own account: change your password on <a href="/account/password">My account</a>.',
    );
    expect(page.text).toContain(`href="/admin/users/${self.id}/edit">Edit profile</a>`);
    expect(page.text).toContain(
      `<a href="/admin/audit?target=${self.id}">All audit events for this user</a>`,
    );
  });
});
