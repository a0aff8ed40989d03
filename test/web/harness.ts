import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Router } from 'express';
import { systemClock, type Clock } from '../../src/clock';
import { configFrom, type Config } from '../../src/config';
import { createServices, type Services } from '../../src/services';
import type { Store } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import { createApp } from '../../src/app';
import { createResetIntentWorker } from '../../src/reset/reset-intent-worker';
import type { DevMailbox } from '../../src/mail/dev-mailbox';
import { createLogger, type Logger } from '../../src/web/logger';
import { SHARED_TEST_PASSWORDS } from '../support/users';

export const TEST_SECRETS = {
  SESSION_SECRET: 'test-session-secret-0123456789abcdefghij',
  TOKEN_PEPPER: 'test-token-pepper-0123456789abcdefghijkl',
  OUTBOX_KEY: 'test-outbox-key-0123456789abcdefghijklmn',
};

export interface LogEntry {
  level: number;
  msg?: string;
  requestId?: string;
  [key: string]: unknown;
}

/** A pino destination that keeps every line in memory. */
export class LogCapture {
  readonly lines: string[] = [];

  write(line: string): void {
    this.lines.push(line);
  }

  entries(): LogEntry[] {
    return this.lines.map((line) => JSON.parse(line) as LogEntry);
  }

  /** pino-http writes its access line on the response's `finish`, which can trail the client by a tick. */
  async waitFor(predicate: (entry: LogEntry) => boolean, timeoutMs = 2000): Promise<LogEntry> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.entries().find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching log line in:\n${this.lines.join('')}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  config: Config;
  store: Store;
  services: Services;
  logs: LogCapture;
  logger: Logger;
  /** Resolves every /forgot intent waiting, as each server process's worker would; returns how many. */
  resolveResetIntents(): Promise<number>;
  close(): Promise<void>;
}

interface TestAppOptions {
  env?: Record<string, string>;
  extraRouters?: Router[];
  /** Share one store between several apps (two app instances on one database). */
  store?: Store;
  clock?: Clock;
  setupToken?: string | null;
  devMailbox?: DevMailbox;
}

/** SECURITY 27: no log line may carry a test password or a link token (reset or "this wasn't me": `token=` in a URL). */
function assertNoSecretsLogged(lines: string[]): void {
  const text = lines.join('');
  const leaked = SHARED_TEST_PASSWORDS.filter((password) => text.includes(password));
  if (leaked.length > 0 || /token=[\w-]{20,}/.test(text)) {
    throw new Error(`a secret reached the logs: ${leaked.length} password(s) or a reset token`);
  }
}

/** A real app on a real in-memory SQLite store, logging into memory. */
export function buildTestApp(options: TestAppOptions = {}): TestApp {
  const dataDir = mkdtempSync(join(tmpdir(), 'resetdesk-web-'));
  const config = configFrom({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SQLITE_PATH: ':memory:',
    LOG_LEVEL: 'info',
    ...TEST_SECRETS,
    ...options.env,
  });
  const store = options.store ?? openSqliteStore(':memory:');
  const logs = new LogCapture();
  const logger = createLogger(config, logs);
  const clock = options.clock ?? systemClock;
  const services = createServices({ config, store, clock, setupToken: options.setupToken ?? null });
  const app = createApp(
    { config, store, logger, clock, services, devMailbox: options.devMailbox ?? null },
    { extraRouters: options.extraRouters ?? [] },
  );
  const intentWorker = createResetIntentWorker({
    intents: store.resetIntents,
    resolve: services.resolveResetIntent,
    clock,
    logger,
    pollMs: 50,
  });
  return {
    app,
    config,
    store,
    services,
    logs,
    logger,
    resolveResetIntents: () => intentWorker.drain(),
    async close() {
      await services.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
      assertNoSecretsLogged(logs.lines);
    },
  };
}
