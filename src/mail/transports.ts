import { createTransport } from 'nodemailer';
import type { OutboxMessage } from './messages';

export { createDevMailbox, type DevMailbox, type DevMailboxOptions, type MailboxEntry } from './dev-mailbox';

/** Delivers one message or throws; `permanent: true` on the error means retrying cannot help. */
export interface Transport {
  send(message: OutboxMessage): Promise<void>;
  /** Releases held connections; called once, when the worker stops. */
  close?(): void;
}

/**
 * The error transports throw. Its message is stored in the outbox row and written to the audit log
 * and the log, so it must never carry message content: codes and a short fixed description only.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';

  constructor(
    message: string,
    readonly permanent: boolean,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

/** Whatever a send throws, only these fields are read (see DeliveryError for why not `message`). */
interface SmtpFailure {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  permanent?: unknown;
}

const SMTP_TIMEOUT_MS = 10_000;

const FAILURE_DESCRIPTIONS: Record<string, string> = {
  ECONNECTION: 'connection closed unexpectedly',
  ETIMEDOUT: 'timed out',
  ESOCKET: 'could not connect',
  EDNS: 'host name not resolved',
  ETLS: 'TLS failed',
  EAUTH: 'authentication failed',
  ENOAUTH: 'credentials missing',
  EPROTOCOL: 'unexpected server reply',
  EENVELOPE: 'sender or recipient rejected',
  EMESSAGE: 'message rejected',
  ECONFIG: 'invalid SMTP configuration',
};

const CODE_PATTERN = /^[A-Z0-9_]{1,32}$/;

function readCode(value: unknown): string | null {
  return typeof value === 'string' && CODE_PATTERN.test(value) ? value : null;
}

/**
 * Permanent only when the server refused this message (envelope or content) for good: 5xx other
 * than 503, as nodemailer flags it. A 4xx (greylisting, full mailbox), an authentication or a
 * connection failure is retried: the operator can fix those and the mail should still go out.
 */
function isMessageRejected(failure: SmtpFailure, code: string | null): boolean {
  if (code !== 'EENVELOPE' && code !== 'EMESSAGE') return false;
  if (typeof failure.permanent === 'boolean') return failure.permanent;
  const responseCode = failure.responseCode;
  // No reply at all: nodemailer refused the envelope itself, which no retry changes.
  if (typeof responseCode !== 'number') return code === 'EENVELOPE';
  return responseCode >= 500 && responseCode < 600 && responseCode !== 503;
}

/** Nodemailer messages can quote the server's reply, which can quote the message: keep codes only. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const failure = (typeof err === 'object' && err !== null ? err : {}) as SmtpFailure;
  const code = readCode(failure.code);
  const originalCode = readCode(failure.originalCode);
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : null;
  const label = [code ?? 'ERROR', responseCode, originalCode].filter((part) => part !== null).join(' ');
  const description = (code && FAILURE_DESCRIPTIONS[code]) ?? 'delivery failed';
  return new DeliveryError(`${label}: ${description}`, isMessageRejected(failure, code), code);
}

/**
 * Email over SMTP through a small connection pool: many MTAs pause before their greeting (100 ms
 * and more), which a connection per message pays every time; a few reused connections do not.
 */
export function createSmtpTransport(smtpUrl: string, from: string): Transport {
  const transporter = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
    // Reconnect now and then, so a long-lived connection never outstays the server's own limits.
    maxMessages: 100,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    dnsTimeout: SMTP_TIMEOUT_MS,
    // Message fields are plain strings; nothing may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    async send(message) {
      if (message.channel !== 'email') {
        throw new DeliveryError('ENOSMS: no SMS gateway is configured', true, 'ENOSMS');
      }
      try {
        await transporter.sendMail({
          from,
          // An address object, not a string: nodemailer never parses it as a list of recipients.
          to: { name: '', address: message.to },
          subject: message.subject,
          text: message.text,
          html: message.html,
          // RFC 3834: out-of-office robots must not answer.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
    close() {
      transporter.close();
    },
  };
}
