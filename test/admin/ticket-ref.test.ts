import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent, User } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import { confirmAction, signedInStaff } from '../support/admin';
import { FormClient } from '../support/form-client';
import { STRONG_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const ADA = 'ada@example.org';
const TYPED_PASSWORD = 'Harbor-Quartz-91-Lantern!';
const PATTERN = '^(INC|RITM)[0-9]{7}$';
const RESET_ACTIONS = ['reset.requested', 'password.set_by_admin', 'sms.queued', 'sessions.revoked'];

/** Each "More options" form, with the fields its own options need (a typed password for "Set password"). */
const FORMS: [path: string, fields: Record<string, string>][] = [
  ['reset-link', {}],
  ['reset-password', { logoutSessions: 'on' }],
  ['temp-password-sms', { logoutSessions: 'on' }],
  ['password', { password: TYPED_PASSWORD, confirmPassword: TYPED_PASSWORD, logoutSessions: 'on' }],
  ['sessions/revoke', {}],
];

const unescapeHtml = (html: string) => html.replaceAll('&#34;', '"').replaceAll('&#39;', "'");

describe('ticket reference on admin resets (TICKET_REF, TICKET_REF_PATTERN)', () => {
  let dir: string;
  let testApp: TestApp;
  let admin: FormClient;
  let adminUser: User;
  let ada: User;
  let device: FormClient;

  async function start(env: Record<string, string>) {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-ticket-'));
    testApp = buildTestApp({ store: openSqliteStore(join(dir, 'store.db')), env });
    ({ client: admin, staff: adminUser } = await signedInStaff(testApp, 'admin'));
    ada = await seedUser(testApp, { phone: '+966501234567' });
    device = new FormClient(testApp.app);
    expect((await device.signIn(ADA, STRONG_PASSWORD)).status).toBe(303);
  }
  afterEach(async () => {
    await testApp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const page = (path: string) => `/admin/users/${ada.id}/${path}`;

  async function resetEvents(): Promise<AuditEvent[]> {
    const { items } = await testApp.store.audit.list({ targetId: ada.id }, 1, 100);
    return items.filter((event) => RESET_ACTIONS.includes(event.action));
  }

  async function expectNothingChanged() {
    const stored = (await testApp.store.users.findById(ada.id))!;
    expect([stored.passwordHash, stored.sessionVersion]).toEqual([ada.passwordHash, ada.sessionVersion]);
    expect(await testApp.store.sessions.listByUser(ada.id, new Date())).toHaveLength(1);
    expect((await device.get('/account')).status).toBe(200);
    expect(await resetEvents()).toEqual([]);
    expect(await testApp.store.resetRequests.listRecentForUser(ada.id, 5)).toEqual([]);
  }

  describe(`given TICKET_REF=required and TICKET_REF_PATTERN=${PATTERN}`, () => {
    beforeEach(() => start({ TICKET_REF: 'required', TICKET_REF_PATTERN: PATTERN }));

    test('every confirmation page asks for the ticket as a required field, with an example', async () => {
      for (const [path] of FORMS) {
        const confirm = await admin.get(page(path));
        expect([path, confirm.status]).toEqual([path, 200]);
        expect(confirm.text).toMatch(/<label for="ticketRef">Ticket reference<\/label>/);
        expect(confirm.text).toMatch(/name="ticketRef"[^>]*\srequired/);
        expect(confirm.text).toContain('like INC0012345');
      }
    });

    test('a reset without a ticket is refused on every form with a message naming the field, and nothing changes', async () => {
      for (const [path, fields] of FORMS) {
        const refused = await confirmAction(admin, page(path), fields);
        expect([path, refused.status]).toEqual([path, 400]);
        expect(refused.text).toContain('<p class="field-error" id="ticketRef-error">');
        expect(refused.text).toContain('Enter the ticket reference, like INC0012345.');
        expect(refused.text).toMatch(/name="ticketRef"[^>]*aria-invalid="true"/);
      }
      await expectNothingChanged();
    });

    test('a ticket that does not match the pattern is refused on every form, kept in the field, and nothing changes', async () => {
      for (const [path, fields] of FORMS) {
        for (const ticketRef of ['INC12345', 'CHG0012345', 'INC0012345x', `INC${'0'.repeat(70)}`]) {
          const refused = await confirmAction(admin, page(path), { ...fields, ticketRef });
          expect([path, ticketRef, refused.status]).toEqual([path, ticketRef, 400]);
          expect(refused.text).toContain('The ticket reference must look like INC0012345.');
          expect(refused.text).toContain(`value="${ticketRef}"`);
        }
      }
      await expectNothingChanged();
    });

    test('with a matching ticket, the reset is done and its audit row, the user page, the audit filter and the CSV carry it', async () => {
      const done = await confirmAction(admin, page('reset-password'), {
        logoutSessions: 'on',
        ticketRef: ' INC0012345 ',
      });
      expect(done.status).toBe(200);
      expect((await testApp.store.users.findById(ada.id))!.passwordHash).not.toBe(ada.passwordHash);
      const revoked = await confirmAction(admin, page('sessions/revoke'), { ticketRef: 'RITM0000042' });
      expect(revoked.status).toBe(303);

      const [sessionsEvent, passwordEvent] = await resetEvents();
      expect(passwordEvent).toMatchObject({
        action: 'password.set_by_admin',
        actorId: adminUser.id,
        details: { method: 'reset-password', ticketRef: 'INC0012345' },
      });
      expect(sessionsEvent).toMatchObject({
        action: 'sessions.revoked',
        details: { ticketRef: 'RITM0000042' },
      });

      const userPage = await admin.get(`/admin/users/${ada.id}`);
      expect(userPage.text).toContain('<a href="/admin/audit?ticket=INC0012345" dir="ltr">INC0012345</a>');

      const found = await admin.get('/admin/audit?ticket=INC0012345');
      expect(found.status).toBe(200);
      expect(found.text).toContain(`data-seq="${passwordEvent!.seq}"`);
      expect(found.text).not.toContain(`data-seq="${sessionsEvent!.seq}"`);
      expect(found.text).toContain('1 event');
      expect(found.text).toContain('value="INC0012345"');
      expect(found.text).toContain('href="/admin/audit.csv?ticket=INC0012345"');
      const other = await admin.get('/admin/audit?ticket=INC0099999');
      expect(other.text).toContain('No audit events match these filters.');

      const csv = await admin.get('/admin/audit.csv?ticket=INC0012345');
      const [header, record, ...rest] = csv.text
        .trimEnd()
        .split('\r\n')
        .map((line) => line.split(','));
      const column = header!.indexOf('ticket_ref');
      expect(column).toBeGreaterThan(0);
      expect(record![column]).toBe('INC0012345');
      expect(record![0]).toBe(String(passwordEvent!.seq));
      expect(rest).toEqual([]);
    });
  });

  describe('given the default (TICKET_REF=optional, no pattern)', () => {
    beforeEach(() => start({}));

    test('the field is offered but optional; a reset without a ticket works and records none', async () => {
      const confirm = await admin.get(page('sessions/revoke'));
      expect(confirm.text).toMatch(/Ticket reference <span class="muted">\(optional\)<\/span>/);
      expect(confirm.text).not.toMatch(/name="ticketRef"[^>]*\srequired/);
      expect((await confirmAction(admin, page('sessions/revoke'))).status).toBe(303);
      expect((await resetEvents())[0]!.details).toMatchObject({ ticketRef: null });
    });

    test('a given ticket is recorded as typed (trimmed); one longer than 64 characters is refused', async () => {
      const sent = await confirmAction(admin, page('reset-link'), { ticketRef: '  CHG-42 / desk 3 ' });
      expect(sent.status).toBe(303);
      expect((await resetEvents())[0]!.details).toMatchObject({ ticketRef: 'CHG-42 / desk 3' });

      const long = await confirmAction(admin, page('password'), {
        password: TYPED_PASSWORD,
        confirmPassword: TYPED_PASSWORD,
        ticketRef: 'T'.repeat(65),
      });
      expect(long.status).toBe(400);
      expect(long.text).toContain('The ticket reference must be one line of at most 64 characters.');
      expect((await testApp.store.users.findById(ada.id))!.passwordHash).toBe(ada.passwordHash);
    });
  });

  describe('given TICKET_REF=off', () => {
    beforeEach(() => start({ TICKET_REF: 'off', TICKET_REF_PATTERN: PATTERN }));

    test('no form shows the field, and a submitted ticket is ignored', async () => {
      for (const [path] of FORMS) {
        const confirm = await admin.get(page(path));
        expect([path, confirm.text.includes('ticketRef')]).toEqual([path, false]);
      }
      const done = await confirmAction(admin, page('sessions/revoke'), { ticketRef: 'not a ticket at all' });
      expect(done.status).toBe(303);
      expect((await resetEvents())[0]!.details).toMatchObject({ ticketRef: null });
      expect(unescapeHtml((await admin.get('/admin/audit')).text)).not.toContain('not a ticket at all');
    });
  });
});
