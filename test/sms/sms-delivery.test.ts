import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/clock';
import { configFrom } from '../../src/config';
import { createDelivery } from '../../src/delivery-setup';
import { createServices } from '../../src/services';
import { openSqliteStore } from '../../src/store/sqlite';
import { createLogger } from '../../src/web/logger';
import { SmsGatewaySink } from '../support/sms-gateway';
import { LogCapture, TEST_SECRETS } from '../web/harness';

describe('SMS delivery through the outbox', () => {
  test('when SMS_GATEWAY_URL is set, then a queued text reaches the gateway once and its payload is purged', async () => {
    const gateway = await new SmsGatewaySink().start();
    const config = configFrom({
      ...TEST_SECRETS,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'rd-sms-')),
      SMS_GATEWAY_URL: gateway.url,
    });
    const store = openSqliteStore(':memory:');
    const services = createServices({ config, store, clock: systemClock, setupToken: null });
    const { worker } = createDelivery(config, store, services, createLogger(config, new LogCapture()));
    const id = await services.mailQueue.queue({
      channel: 'sms',
      to: '+966500000001',
      body: 'ResetDesk temporary password: Qw3!example',
      userId: 'u1',
      kind: 'temp_password',
    });
    expect(await worker.drain()).toBe(1);
    expect(gateway.received.map(({ to, body }) => ({ to, body }))).toEqual([
      { to: '+966500000001', body: 'ResetDesk temporary password: Qw3!example' },
    ]);
    expect(await store.outbox.findById(id)).toMatchObject({ status: 'sent', payload: null });
    await store.close();
    await gateway.stop();
  });
});
