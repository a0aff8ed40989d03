import { SMTPServer } from 'smtp-server';

/** An SMTP server on 127.0.0.1 that accepts every message and only counts them (no parsing: cheap). */
export class CountingSmtpSink {
  received = 0;
  /** performance.now() of the latest message. */
  lastAt = 0;
  port = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData: (stream, _session, callback) => {
      stream.on('end', () => {
        this.received++;
        this.lastAt = performance.now();
        callback();
      });
      stream.resume();
    },
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
