import { DeliveryError } from '../../src/outbox/delivery';
import { createSmsGatewayTransport } from '../../src/sms/http-gateway';
import { SmsGatewaySink } from '../support/sms-gateway';

const SMS = {
  channel: 'sms' as const,
  to: '+966500000001',
  body: 'Your temporary password: Xy7!…',
  userId: 'u1',
  kind: 'temp_password',
};
const MESSAGE_ID = { messageId: '<item-1@localhost>' };

describe('SMS HTTP gateway', () => {
  let gateway: SmsGatewaySink;

  beforeEach(async () => {
    gateway = await new SmsGatewaySink().start();
  });
  afterEach(() => gateway.stop());

  test('when the gateway accepts, then it received {to, body} as JSON with the bearer token', async () => {
    await createSmsGatewayTransport({ url: gateway.url, token: 'gateway-secret' }).send(SMS, MESSAGE_ID);
    expect(gateway.received).toEqual([
      expect.objectContaining({
        to: SMS.to,
        body: SMS.body,
        headers: expect.objectContaining({
          authorization: 'Bearer gateway-secret',
          'content-type': 'application/json',
        }),
      }),
    ]);
  });

  test.each([
    [400, true],
    [401, true],
    [429, false],
    [500, false],
    [503, false],
  ])(
    'when the gateway answers %i, then the failure is permanent: %s, and the error never quotes the message',
    async (code, permanent) => {
      gateway.status = code;
      const failure = await createSmsGatewayTransport({ url: gateway.url, token: null })
        .send(SMS, MESSAGE_ID)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DeliveryError);
      expect((failure as DeliveryError).permanent).toBe(permanent);
      expect((failure as DeliveryError).message).not.toContain('temporary password');
    },
  );

  test('when nothing listens, then the failure is retryable', async () => {
    const url = gateway.url;
    await gateway.stop();
    gateway = await new SmsGatewaySink().start();
    const failure = await createSmsGatewayTransport({ url, token: null, timeoutMs: 2000 })
      .send(SMS, MESSAGE_ID)
      .catch((error: unknown) => error);
    expect((failure as DeliveryError).permanent).toBe(false);
  });
});
