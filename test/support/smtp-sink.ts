import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSinkOptions {
  /** Listen on this port (e.g. to bring a "down" server back); 0 picks a free one. */
  port?: number;
  /** Recipients refused at RCPT TO with a 550. */
  rejectRecipients?: string[];
}

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed. */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  private readonly server: SMTPServer;
  port: number;

  constructor(options: SmtpSinkOptions = {}) {
    this.port = options.port ?? 0;
    const rejected = new Set(options.rejectRecipients ?? []);
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!rejected.has(address.address)) return callback();
        callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream).then(
          (parsed) => {
            this.messages.push(parsed);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as { port: number }).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((message) => JSON.stringify(message.to).includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The mail server comes back on `port` (a sink stopped to play an outage): runs `deliver`, returns what arrived. */
export async function deliverToRestartedSink(
  port: number,
  deliver: () => Promise<unknown>,
): Promise<ParsedMail[]> {
  const back = await new SmtpSink({ port }).start();
  try {
    await deliver();
  } finally {
    await back.stop();
  }
  return back.messages;
}
