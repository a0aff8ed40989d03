import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer } from '../support/server-process';
import { TEST_SECRETS } from './harness';

describe('the server process', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'resetdesk-process-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('when started with defaults, then it serves /healthz, creates the database, prints the setup token and stops on SIGTERM', async () => {
    const port = await freePort();
    const server = startServer({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    await server.waitForOutput(/listening on port/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(existsSync(join(dataDir, 'resetdesk.db'))).toBe(true);
    expect(server.output()).toMatch(/Setup token: [\w-]{32}/);
    server.child.kill('SIGTERM');
    expect(await server.exited()).toBe(0);
    expect(server.output()).toContain('stopped');
  });

  test('when the breach corpus is missing, then it starts anyway, warns, and /readyz says so with a 200', async () => {
    const port = await freePort();
    const missing = join(dataDir, 'pwned-ranges');
    const server = startServer({
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      BREACHED_PASSWORDS_DIR: missing,
    });
    try {
      await server.waitForOutput(/listening on port/);
      expect(server.output()).toMatch(
        /Breached-password corpus \(BREACHED_PASSWORDS_DIR\) unavailable: checking new passwords against the bundled list only/,
      );
      expect(server.output()).toMatch(/"bundledEntries":96517/);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { breachedPasswords: unknown }).breachedPasswords).toMatchObject({
        corpus: 'unavailable',
        checking: 'bundled list only',
      });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited();
    }
  });

  test('when PORT is not a number, then it exits 1 naming PORT, without a stack trace', async () => {
    const server = startServer({ PORT: 'abc', DATA_DIR: dataDir });
    expect(await server.exited()).toBe(1);
    expect(server.output()).toMatch(/PORT: must be a whole number/);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  test('when PASSWORD_MIN_LENGTH exceeds the generated password length, then it exits 1 naming both variables', async () => {
    const server = startServer({ PASSWORD_MIN_LENGTH: '20', DATA_DIR: dataDir });
    expect(await server.exited()).toBe(1);
    expect(server.output()).toMatch(
      /PASSWORD_MIN_LENGTH \(20\) must not exceed GENERATED_PASSWORD_LENGTH \(16\)/,
    );
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  test('when production lacks SESSION_SECRET, then it exits 1 naming it', async () => {
    const { TOKEN_PEPPER, OUTBOX_KEY } = TEST_SECRETS;
    const server = startServer({ NODE_ENV: 'production', DATA_DIR: dataDir, TOKEN_PEPPER, OUTBOX_KEY });
    expect(await server.exited()).toBe(1);
    expect(server.output()).toMatch(/SESSION_SECRET, SMTP_URL, APP_URL must be set in production/);
  });

  test('when MongoDB cannot be reached, then start-up fails fast with a clear message', async () => {
    const started = Date.now();
    const server = startServer({
      DATA_DIR: dataDir,
      MONGODB_URI: 'mongodb://user:hunter2@127.0.0.1:9/x',
      MONGODB_TIMEOUT_MS: '3000',
    });
    expect(await server.exited(12_000)).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.output()).toContain('cannot reach MongoDB at 127.0.0.1:9');
    expect(server.output()).not.toContain('hunter2');
  });
});
