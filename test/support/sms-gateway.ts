import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  to: string;
  body: string;
  authorization: string | undefined;
}

/** A real HTTP SMS gateway on 127.0.0.1: answers every POST with `status` and keeps what it received. */
export class SmsGatewaySink {
  readonly received: ReceivedSms[] = [];
  private readonly server: Server;

  constructor(private readonly status = 202) {
    this.server = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString()));
      req.on('end', () => {
        const { to, body } = JSON.parse(data) as { to: string; body: string };
        this.received.push({ to, body, authorization: req.headers.authorization });
        res.writeHead(this.status).end();
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
