import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite';
import { FormClient } from '../support/form-client';
import { freePort, sqliteServerEnv, startServer, until } from '../support/server-process';
import { SmtpSink } from '../support/smtp-sink';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { createPasswordHasher } from '../../src/auth/password-hashing';
import { buildTestApp, type TestApp } from '../web/harness';

type Counts = Record<string, number>;

/** Rows in every table of the store file, read through a second connection. */
function countRows(path: string): Counts {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name)
      .filter((name) => name !== 'schema_migrations');
    return Object.fromEntries(
      tables.map((name) => [
        name,
        (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n,
      ]),
    );
  } finally {
    db.close();
  }
}

function changed(before: Counts, after: Counts): Counts {
  return Object.fromEntries(
    Object.keys(after)
      .filter((table) => after[table] !== before[table])
      .map((table) => [table, after[table]! - (before[table] ?? 0)]),
  );
}

describe('/forgot stores an intent; the worker resolves it', () => {
  let dir: string;
  let path: string;
  let testApp: TestApp;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-intents-'));
    path = join(dir, 'store.db');
    testApp = buildTestApp({ store: openSqliteStore(path), env: { FORGOT_RATE_LIMIT: '1000' } });
  });
  afterEach(async () => {
    await testApp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test.each(['ada@example.org', 'nobody@example.org'])(
    'when %s is posted, then the request path adds one intent and nothing else',
    async (username) => {
      await seedUser(testApp);
      const client = new FormClient(testApp.app);
      // The first post starts the IP's counter; every later one changes only the intents.
      await client.submit('/forgot', { username });
      const before = countRows(path);
      const answer = await client.submit('/forgot', { username });
      expect(answer.status).toBe(200);
      expect(changed(before, countRows(path))).toEqual({ reset_intents: 1 });
    },
  );

  test('when 20 unknown names are resolved, then they leave their audit events and nothing else', async () => {
    const client = new FormClient(testApp.app);
    await client.submit('/forgot', { username: 'warm-up@example.org' });
    expect(await testApp.resolveResetIntents()).toBe(1);
    const before = countRows(path);
    for (let i = 0; i < 20; i++) await client.submit('/forgot', { username: `nobody${i}@example.org` });
    expect(await testApp.resolveResetIntents()).toBe(20);
    expect(changed(before, countRows(path))).toEqual({ audit_events: 20 });
    const events = (await testApp.store.audit.list({ action: 'reset.requested' }, 1, 50)).items;
    expect(events.filter((event) => event.outcome === 'unknown')).toHaveLength(21);
  });

  test('when a known name is resolved, then its request, its mail, its counter and its audit event are written', async () => {
    await seedUser(testApp);
    const client = new FormClient(testApp.app);
    await client.submit('/forgot', { username: 'nobody@example.org' });
    await testApp.resolveResetIntents();
    const before = countRows(path);
    await client.submit('/forgot', { username: 'ada@example.org' });
    expect(await testApp.resolveResetIntents()).toBe(1);
    expect(changed(before, countRows(path))).toEqual({
      reset_requests: 1,
      outbox: 1,
      rate_limits: 1,
      audit_events: 1,
    });
  });
});

const METRICS_TOKEN = 'metrics-token-for-the-test-0123';

/** Each thread's nice value, from /proc/<pid>/task/<tid>/stat (field 19). */
function threadNiceValues(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('/forgot on a running server', () => {
  test('when a known name asks, then the background thread sends its mail without waiting for a poll, and the web thread counts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resetdesk-intent-mail-'));
    const sqlitePath = join(dir, 'store.db');
    const seeding = openSqliteStore(sqlitePath);
    const hash = await createPasswordHasher({ memoryCost: 19456, timeCost: 2, parallelism: 1 }).hash(
      STRONG_PASSWORD,
    );
    await seeding.users.create(
      {
        username: 'ada@example.org',
        displayName: 'Ada',
        userType: 'employee',
        status: 'active',
        roles: ['member'],
        passwordHash: hash,
      },
      new Date(),
    );
    await seeding.close();
    const sink = await new SmtpSink().start();
    const port = await freePort();
    // The outbox polls a minute apart (its first poll a minute after start): only the doorbells
    // (intent stored, mail queued) can deliver the mail within the wait below. How fast they do it is
    // a bench figure (mail latency), not a test's.
    const server = startServer({
      ...sqliteServerEnv({ port, dataDir: dir, sqlitePath, smtpUrl: sink.url }),
      OUTBOX_POLL_MS: '60000',
      METRICS_TOKEN,
      LOG_LEVEL: 'info',
    });
    let exitCode: number | null;
    try {
      await server.waitForOutput(/listening on port/);
      await server.waitForOutput(/"thread":"background".*background thread started/);
      // The background thread alone runs at a lower priority (nice 10), so requests keep the cores.
      expect(threadNiceValues(server.child.pid!)).toContain(10);
      expect(threadNiceValues(server.child.pid!).filter((nice) => nice === 0).length).toBeGreaterThan(0);
      const client = new FormClient(`http://127.0.0.1:${port}`);
      expect((await client.submit('/forgot', { username: 'ada@example.org' })).status).toBe(200);
      await until(() => sink.messages.length > 0, 'the reset mail', 20_000);
      expect(JSON.stringify(sink.messages[0]!.to)).toContain('ada@example.org');
      // The thread's audit events reach the web thread's registry, which /metrics serves.
      const delivered = /resetdesk_deliveries_total\{channel="email",result="sent"\} 1/;
      let metrics = '';
      for (let attempt = 0; attempt < 100 && !delivered.test(metrics); attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
          headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        });
        metrics = await response.text();
      }
      expect(metrics).toMatch(delivered);
      expect(metrics).toMatch(/resetdesk_reset_requests_total\{outcome="sent"\} 1/);
    } finally {
      server.child.kill('SIGTERM');
      exitCode = await server.exited();
      await sink.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(exitCode).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
  });
});
