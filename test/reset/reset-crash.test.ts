import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPasswordHasher } from '../../src/auth/password-hashing';
import { openSqliteStore } from '../../src/store/sqlite';
import { csrfFrom, FormClient } from '../support/form-client';
import { followLinkAndReset, readResetMail } from '../support/reset-flow';
import { freePort, sqliteServerEnv, startServer, until, type RunningServer } from '../support/server-process';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const USERNAME = 'ada@example.org';
const INVALID = 'This reset link or code is no longer valid';

/** The lease the killed process took, read straight from the file (the port has no query for it). */
function readLeaseUntil(sqlitePath: string): number | null {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare<[], { until: number }>(
        'SELECT consuming_until AS until FROM reset_requests WHERE consuming_until IS NOT NULL',
      )
      .get();
    return row?.until ?? null;
  } finally {
    db.close();
  }
}

describe('a server killed between claiming a reset and writing the password', () => {
  let dir: string;
  let sqlitePath: string;
  let sink: SmtpSink;
  let server: RunningServer | undefined;
  let testApp: TestApp | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-crash-'));
    sqlitePath = join(dir, 'store.db');
    const seeding = openSqliteStore(sqlitePath);
    const hasher = createPasswordHasher({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    await seeding.users.create(
      {
        username: USERNAME,
        displayName: 'Ada Lovelace',
        userType: 'employee',
        status: 'active',
        roles: ['member'],
        passwordHash: await hasher.hash(STRONG_PASSWORD),
      },
      new Date(),
    );
    await seeding.close();
    sink = await new SmtpSink().start();
  });

  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited();
    }
    await testApp?.close();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when the process is killed with -9 there, then the password is unchanged and the link works again once the lease has run out', async () => {
    const port = await freePort();
    server = startServer({
      ...sqliteServerEnv({ port, dataDir: dir, sqlitePath, smtpUrl: sink.url }),
      TEST_PAUSE_BEFORE_PASSWORD_WRITE_MS: '60000',
    });
    await server.waitForOutput(/listening on port/);
    const browser = new FormClient(`http://127.0.0.1:${port}`);
    await browser.submit('/forgot', { username: USERNAME });
    await until(() => sink.messages.length > 0, 'the reset mail');
    const mail = readResetMail(sink.messages[0]!);
    await browser.get(mail.linkPath);
    const csrf = csrfFrom((await browser.get('/reset')).text);
    const submitted = browser.agent
      .post('/reset')
      .type('form')
      .send({ code: mail.code, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, _csrf: csrf })
      .then(
        (response) => `answered ${response.status}`,
        (error: Error) => `failed: ${error.message}`,
      );
    await until(() => readLeaseUntil(sqlitePath) !== null, 'the claim');
    server.child.kill('SIGKILL');
    await server.exited();
    expect(await submitted).toMatch(/^failed: /);
    const leaseUntil = readLeaseUntil(sqlitePath)!;

    // Another instance on the same file, its clock moved instead of waiting for the lease.
    let now = new Date(leaseUntil - 1000);
    testApp = buildTestApp({ store: openSqliteStore(sqlitePath), clock: () => now });
    const during = new FormClient(testApp.app);
    await during.get(mail.linkPath);
    const taken = await during.get('/reset');
    expect([taken.status, taken.text.includes(INVALID)]).toEqual([400, true]);
    expect((await new FormClient(testApp.app).signIn(USERNAME, STRONG_PASSWORD)).status).toBe(303);

    now = new Date(leaseUntil);
    const saved = await followLinkAndReset(new FormClient(testApp.app), mail, NEW_PASSWORD);
    expect([saved.status, saved.headers.location]).toEqual([303, '/login']);
    expect((await new FormClient(testApp.app).signIn(USERNAME, STRONG_PASSWORD)).status).toBe(401);
    expect((await new FormClient(testApp.app).signIn(USERNAME, NEW_PASSWORD)).status).toBe(303);
    const used = new FormClient(testApp.app);
    await used.get(mail.linkPath);
    expect((await used.get('/reset')).text).toContain(INVALID);
  });
});
