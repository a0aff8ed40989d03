import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { openSqliteStore } from '../../src/store/sqlite';
import { signedInStaff } from '../support/admin';
import { csrfFrom, type FormClient } from '../support/form-client';
import { readResetMail, smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, type TestApp } from './harness';

/** The field each form is about; routes not listed (added later) are probed with a made-up one. */
const MAIN_FIELDS: Record<string, string> = {
  '/login': 'username',
  '/logout': '_csrf',
  '/setup': 'setupToken',
  '/forgot': 'username',
  '/reset': 'code',
  '/account/password': 'currentPassword',
  '/account/sessions/revoke-others': '_csrf',
  '/account/preferences': 'locale',
  '/admin/users/new': 'username',
  '/admin/users/:id/edit': 'role',
  '/admin/users/:id/reset-link': 'ticketRef',
  '/admin/users/:id/reset-password': 'logoutSessions',
  '/admin/users/:id/temp-password-sms': 'ticketRef',
  '/admin/users/:id/password': 'password',
  '/admin/users/:id/sessions/revoke': 'ticketRef',
};

const REFUSAL = /must be sent once, as plain text|is not a field this site uses|form of named fields/;

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/**
 * Every POST route the app serves, read from its router, so a new form cannot be missed. The REST API
 * (/api/v1) takes JSON checked against its strict schemas instead (test/api/rest-api.test.ts).
 */
function postRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route?.methods.post && !layer.route.path.startsWith('/api/')) found.push(layer.route.path);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

/** Every row of every table, through a connection of its own: what "no state change" is checked against. */
function snapshot(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    return JSON.stringify(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
    );
  } finally {
    db.close();
  }
}

describe('fields that are not plain strings', () => {
  let dir: string;
  let dbFile: string;
  let testApp: TestApp;
  let sink: SmtpSink;
  let admin: FormClient;
  let csrf: string;
  let targetId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-plain-'));
    dbFile = join(dir, 'store.db');
    sink = await new SmtpSink().start();
    testApp = buildTestApp({ store: openSqliteStore(dbFile) });
    targetId = (await seedUser(testApp)).id;
    ({ client: admin } = await signedInStaff(testApp, 'admin'));
    // A reset link in the admin's browser, so a posted code would count against a live request.
    await admin.submit('/forgot', { username: 'ada@example.org' });
    await smtpDelivery(testApp, sink)();
    await admin.get(readResetMail(sink.messages[0]!).linkPath);
    csrf = csrfFrom((await admin.get('/reset')).text);
  });
  afterAll(async () => {
    await testApp.close();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function post(path: string) {
    return admin.agent.post(path.replace(':id', encodeURIComponent(targetId)));
  }

  const shapes: Array<[string, (path: string, field: string) => ReturnType<typeof post>]> = [
    [
      'an operator in the name',
      (path, field) => post(path).type('form').send(`${field}[$ne]=1&_csrf=${csrf}`),
    ],
    [
      'a repeated field',
      (path, field) => post(path).type('form').send(`${field}=1&${field}=2&_csrf=${csrf}`),
    ],
    [
      'a JSON operator object',
      (path, field) =>
        post(path)
          .set('Accept', 'application/json')
          .send({ _csrf: csrf, [field]: { $gt: '' } }),
    ],
    ['a JSON array', (path, field) => post(path).send({ _csrf: csrf, [field]: ['000000'] })],
    ['a JSON number', (path, field) => post(path).send({ _csrf: csrf, [field]: 0 })],
    ['a top-level JSON array', (path) => post(path).send([{ _csrf: csrf }])],
  ];

  test('when every POST route gets operator-shaped or array input, then each answers 400 and nothing stored changes', async () => {
    const routes = postRoutes(testApp.app);
    expect(routes).toEqual(expect.arrayContaining(Object.keys(MAIN_FIELDS)));
    const before = snapshot(dbFile);
    const wrongAnswers: string[] = [];
    for (const route of routes) {
      for (const [shape, send] of shapes) {
        const response = await send(route, MAIN_FIELDS[route] ?? 'value');
        const message = String((response.body as { message?: unknown }).message ?? response.text);
        if (response.status !== 400 || !REFUSAL.test(message)) {
          wrongAnswers.push(`${route} with ${shape}: ${response.status}`);
        }
      }
    }
    expect(wrongAnswers).toEqual([]);
    expect(snapshot(dbFile)).toBe(before);
  });

  test('when a JSON client sends an operator object, then the 400 names the field in JSON', async () => {
    const response = await post('/reset')
      .set('Accept', 'application/json')
      .send({ _csrf: csrf, code: { $gt: '' }, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'field_invalid',
      message: 'The field “code” must be sent once, as plain text.',
    });
  });

  test('when the reset code is not six digits, then the page says so and nothing is counted; a plain wrong code is', async () => {
    const before = snapshot(dbFile);
    for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5']) {
      const response = await post('/reset')
        .type('form')
        .send({ code, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, _csrf: csrf });
      expect([response.status, response.text.includes('Enter the 6-digit code from the email.')]).toEqual([
        400,
        true,
      ]);
    }
    expect(snapshot(dbFile)).toBe(before);

    const mail = readResetMail(sink.messages[0]!);
    const wrong = mail.code === '000000' ? '111 111' : '000 000';
    await post('/reset')
      .type('form')
      .send({ code: wrong, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, _csrf: csrf });
    expect(snapshot(dbFile)).not.toBe(before);
    const [request] = await testApp.store.resetRequests.listRecentForUser(targetId, 1);
    expect(request!.failedAttempts).toBe(1);
  });
});
