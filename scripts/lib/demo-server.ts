import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app';
import { systemClock } from '../../src/clock';
import { configFrom } from '../../src/config';
import { createDelivery } from '../../src/delivery-setup';
import type { RequestContext } from '../../src/request-context';
import { createServices, type Services } from '../../src/services';
import type { Store, User } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import { createLogger } from '../../src/web/logger';
import { generateDemoPassword } from './demo-password';
import { DEMO_USERS, needsPassword } from './demo-users';

export interface DemoServer {
  baseUrl: string;
  /** Every seeded account with a password has this one. */
  password: string;
  store: Store;
  services: Services;
  close(): Promise<void>;
}

const CONTEXT: RequestContext = {
  ip: '203.0.113.7',
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

async function seedUsers(store: Store, services: Services, password: string): Promise<Map<string, User>> {
  const hash = await services.hasher.hash(password);
  const users = new Map<string, User>();
  for (const user of DEMO_USERS) {
    const created = await store.users.create(
      { ...user, passwordHash: needsPassword(user) ? hash : null },
      services.clock(),
    );
    if (!created.ok) throw new Error(`could not seed ${user.username}`);
    users.set(user.username, created.user);
    await services.audit(
      {
        action: 'user.created_by_script',
        actorId: null,
        targetId: created.user.id,
        outcome: 'ok',
        channel: 'cli',
      },
      CONTEXT,
    );
  }
  return users;
}

/** A little history, so the dashboard, the audit log and the user pages have something to show. */
async function seedActivity(services: Services, users: Map<string, User>, threshold: number): Promise<void> {
  const agent = users.get('helpdesk@example.org')!;
  const alan = users.get('alan.turing@example.org')!;
  await services.signIn('admin@example.org', 'not the password', CONTEXT);
  await services.requestReset('li.wei@customer.example.com', CONTEXT);
  await services.adminResets.sendResetLink(agent, alan, { ticketRef: null }, CONTEXT);
  for (let attempt = 0; attempt < threshold; attempt++) {
    await services.signIn('noura.khan@example.com', 'wrong password', CONTEXT);
  }
}

/**
 * The whole app as `npm start` runs it in development (in-memory SQLite, the development mailbox, the
 * outbox worker), with the demo accounts and some activity, on 127.0.0.1 and a free port. For the
 * screenshots script and the page sweep test.
 */
export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'resetdesk-demo-'));
  const config = configFrom({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    SQLITE_PATH: ':memory:',
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '50',
  });
  const store = openSqliteStore(':memory:');
  const logger = createLogger(config);
  const services = createServices({ config, store, clock: systemClock, setupToken: null });
  const { devMailbox, worker } = createDelivery(config, store, services, logger);
  const password = generateDemoPassword();
  const users = await seedUsers(store, services, password);
  await seedActivity(services, users, config.lockout.threshold);
  worker.start();
  const app = createApp({ config, store, logger, clock: systemClock, services, devMailbox });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    password,
    store,
    services,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
