import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPasswordHasher } from '../../src/auth/password-hashing';
import { verifyAuditChain } from '../../src/store/audit-chain';
import { openSqliteStore } from '../../src/store/sqlite';
import { csrfFrom, FormClient } from '../support/form-client';
import { readResetMail } from '../support/reset-flow';
import { freePort, sqliteServerEnv, startServer, until, type RunningServer } from '../support/server-process';
import { SmtpSink } from '../support/smtp-sink';
import { STRONG_PASSWORD } from '../support/users';

const USERS = 12;
const username = (i: number) => `user${i}@example.org`;

describe('two server processes on one SQLite file', () => {
  let dir: string;
  let sink: SmtpSink;
  const servers: RunningServer[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-scale-'));
    const sqlitePath = join(dir, 'shared.db');
    const seeding = openSqliteStore(sqlitePath);
    const hash = await createPasswordHasher({ memoryCost: 19456, timeCost: 2, parallelism: 1 }).hash(
      STRONG_PASSWORD,
    );
    for (let i = 0; i < USERS; i++) {
      await seeding.users.create(
        {
          username: username(i),
          displayName: `User ${i}`,
          userType: 'employee',
          status: 'active',
          roles: ['member'],
          passwordHash: hash,
        },
        new Date(),
      );
    }
    await seeding.close();
    sink = await new SmtpSink().start();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const server = startServer({
        ...sqliteServerEnv({ port, dataDir: dir, sqlitePath, smtpUrl: sink.url }),
        LOGIN_RATE_LIMIT: '6',
      });
      servers.push(server);
      urls.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(servers.map((server) => server.waitForOutput(/listening on port/)));
  });

  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => server.exited()));
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when a session is revoked on A, then B refuses it on its next request', async () => {
    const onA = new FormClient(urls[0]!);
    await onA.signIn(username(0), STRONG_PASSWORD);
    const cookie = (await onA.get('/account')).request.cookies;
    const onB = new FormClient(urls[1]!);
    expect((await onB.get('/account').set('Cookie', cookie)).status).toBe(200);

    const other = new FormClient(urls[0]!);
    await other.signIn(username(0), STRONG_PASSWORD);
    const list = await other.get('/account/sessions');
    await other.agent
      .post('/account/sessions/revoke-others')
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    const refused = await onB.get('/account').set('Cookie', cookie);
    expect([refused.status, refused.headers.location]).toEqual([303, '/login']);
  });

  test('when sign-ins alternate between A and B, then the per-IP limit counts both', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await new FormClient(urls[i % 2]!).signIn('nobody@example.org', 'Wrong-Pass-1!')).status,
      );
    }
    // The first test signed in twice on A: with one shared counter the limit of 6 is reached after 4 more.
    // Counters kept per process would have let all 8 through (A: 2 + 4, B: 4).
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
  });

  test('when resets are asked on both, then the per-account cap and every mail hold exactly once', async () => {
    const before = sink.messages.length;
    for (let i = 0; i < 4; i++)
      await new FormClient(urls[i % 2]!).submit('/forgot', { username: username(1) });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        new FormClient(urls[i % 2]!).submit('/forgot', { username: username(i + 2) }),
      ),
    );
    await until(() => sink.messages.length >= before + 11, '11 mails');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const received = sink.messages.slice(before);
    expect(received).toHaveLength(11);
    expect(received.filter((mail) => JSON.stringify(mail.to).includes(username(1)))).toHaveLength(3);
    expect(new Set(received.map((mail) => mail.messageId)).size).toBe(11);
    // Each process resolves intents from both: every intent once, one audit event each, none left.
    const store = openSqliteStore(join(dir, 'shared.db'));
    const requested = await store.audit.list({ action: 'reset.requested' }, 1, 50);
    const left = await store.resetIntents.count();
    await store.close();
    expect(requested.items.map((event) => event.outcome).sort()).toEqual([
      ...Array<string>(11).fill('sent'),
      'throttled',
    ]);
    expect(left).toBe(0);
  });

  test('when wrong codes are tried on A and B, then the request dies after five in total', async () => {
    const before = sink.messages.length;
    await new FormClient(urls[0]!).submit('/forgot', { username: username(11) });
    await until(() => sink.messages.length > before, 'the reset mail');
    const mail = readResetMail(sink.messages[sink.messages.length - 1]!);
    const wrong = mail.code === '000000' ? '111111' : '000000';
    const texts = [];
    for (let i = 0; i < 5; i++) {
      const client = new FormClient(urls[i % 2]!);
      await client.get(mail.linkPath);
      texts.push((await client.submit('/reset', { code: wrong, password: 'x', confirmPassword: 'x' })).text);
    }
    expect(texts[3]).toContain('You have 1 attempt left.');
    expect(texts[4]).toContain('Too many wrong codes.');
  });

  test('when both processes have written audit events concurrently, then the chain verifies', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => new FormClient(urls[i % 2]!).signIn(username(5), 'Wrong-Pass-1!')),
    );
    const store = openSqliteStore(join(dir, 'shared.db'));
    const check = await verifyAuditChain(store.audit.iterate());
    await store.close();
    expect(check.ok).toBe(true);
    expect(check.ok && check.count).toBeGreaterThan(30);
  });
});
