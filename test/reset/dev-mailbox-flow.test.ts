import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/clock';
import { configFrom } from '../../src/config';
import { createDelivery, createIntentWorker } from '../../src/delivery-setup';
import { createServices } from '../../src/services';
import { openSqliteStore } from '../../src/store/sqlite';
import { createApp } from '../../src/app';
import { createLogger } from '../../src/web/logger';
import { FormClient } from '../support/form-client';
import { LogCapture, TEST_SECRETS } from '../web/harness';

describe('development without SMTP', () => {
  test('when a reset is requested, then the mail with its link and code appears at /dev/mailbox', async () => {
    const config = configFrom({
      NODE_ENV: 'development',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'rd-dev-')),
      ...TEST_SECRETS,
    });
    const store = openSqliteStore(':memory:');
    const logger = createLogger(config, new LogCapture());
    const services = createServices({ config, store, clock: systemClock, setupToken: null });
    const { devMailbox, worker } = createDelivery(config, store, services, logger);
    expect(devMailbox).not.toBeNull();
    const app = createApp({ config, store, logger, clock: systemClock, services, devMailbox });
    await store.users.create(
      {
        username: 'ada@example.org',
        displayName: 'Ada Lovelace',
        userType: 'employee',
        status: 'active',
        roles: ['member'],
        passwordHash: await services.hasher.hash('Velvet-Orbit-42-Canyon!'),
      },
      new Date(),
    );
    const client = new FormClient(app);
    await client.submit('/forgot', { username: 'ada@example.org' });
    expect(await createIntentWorker(config, store, services, logger).drain()).toBe(1);
    expect(await worker.drain()).toBe(1);

    const list = await client.get('/dev/mailbox');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Reset your ResetDesk password');
    const messagePath = /href="(\/dev\/mailbox\/[\w-]+)"/.exec(list.text)![1]!;
    const message = await client.get(messagePath);
    expect(message.text).toMatch(/\/reset\?token=[\w-]{43}/);
    expect(message.text).toMatch(/\b\d{6}\b/);
    await store.close();
  });
});
