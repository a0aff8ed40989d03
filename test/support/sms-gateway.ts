import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  to: string;
  body: string;
  headers: IncomingHttpHeaders;
}

/**
 * A real HTTP SMS gateway on 127.0.0.1: keeps what it receives and answers with `status` and a JSON
 * echo of the message (so a test can check that response bodies never reach errors or logs).
 */
export class SmsGatewaySink {
  readonly received: ReceivedSms[] = [];
  status = 202;
  private server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString()));
      req.on('end', () => {
        const { to, body } = JSON.parse(data) as { to: string; body: string };
        this.received.push({ to, body, headers: req.headers });
        res
          .writeHead(this.status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ echo: body }));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
