import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryError } from '../../src/mail/transports';
import { createSmsGatewayTransport } from '../../src/sms/http-gateway';

const SMS = {
  channel: 'sms' as const,
  to: '+966500000001',
  body: 'Your temporary password: Xy7!…',
  userId: 'u1',
  kind: 'temp_password',
};

interface Received {
  headers: IncomingMessage['headers'];
  body: unknown;
}

describe('SMS HTTP gateway', () => {
  let server: Server;
  let url: string;
  let status: number;
  const received: Received[] = [];

  beforeEach(async () => {
    status = 202;
    received.length = 0;
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(data) });
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end('{"echo":"Your temporary password"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('when the gateway accepts, then it received {to, body} as JSON with the bearer token', async () => {
    await createSmsGatewayTransport({ url, token: 'gateway-secret' }).send(SMS);
    expect(received).toEqual([
      expect.objectContaining({
        body: { to: SMS.to, body: SMS.body },
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
      status = code;
      const failure = await createSmsGatewayTransport({ url, token: null })
        .send(SMS)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DeliveryError);
      expect((failure as DeliveryError).permanent).toBe(permanent);
      expect((failure as DeliveryError).message).not.toContain('temporary password');
    },
  );

  test('when nothing listens, then the failure is retryable', async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = createServer();
    server.listen(0, '127.0.0.1');
    const failure = await createSmsGatewayTransport({ url, token: null, timeoutMs: 2000 })
      .send(SMS)
      .catch((error: unknown) => error);
    expect((failure as DeliveryError).permanent).toBe(false);
  });
});
