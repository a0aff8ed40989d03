import type { OutboxMessage } from './outbox-message';

/** Set by the worker for each delivery of an outbox item. */
export interface DeliveryOptions {
  /** The same for every delivery of one item, so a copy re-sent after a crash is recognisable. */
  messageId: string;
}

/** Delivers one message or throws, preferably a DeliveryError (classified below). */
export interface Transport {
  send(message: OutboxMessage, options: DeliveryOptions): Promise<void>;
  /** Releases held connections; called once, when the worker stops. */
  close?(): void;
}

/**
 * Every transport failure is classified here, once: permanent when retrying cannot help (the server
 * refused this message or recipient for good), transient otherwise. Transient failures are retried
 * until the message is no longer useful, so an outage of hours loses nothing.
 */

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

const SMTP_FAILURE_DESCRIPTIONS: Record<string, string> = {
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
  const description = (code && SMTP_FAILURE_DESCRIPTIONS[code]) ?? 'delivery failed';
  return new DeliveryError(`${label}: ${description}`, isMessageRejected(failure, code), code);
}

/** Statuses below 500 worth retrying: the gateway is busy or slow, not refusing this message. */
const RETRYABLE_GATEWAY_STATUSES = new Set([408, 425, 429]);

/** An HTTP gateway's refusal: 4xx is permanent (bad number, bad request, bad credentials), except the busy ones. */
export function gatewayStatusError(status: number): DeliveryError {
  const permanent = status >= 400 && status < 500 && !RETRYABLE_GATEWAY_STATUSES.has(status);
  return new DeliveryError(`HTTP ${status}: SMS gateway refused the message`, permanent, `HTTP${status}`);
}

/** The gateway never answered (refused, reset, timed out): always worth retrying. */
export function gatewayUnreachableError(err: unknown): DeliveryError {
  const code = (err as { name?: unknown } | null)?.name === 'TimeoutError' ? 'ETIMEDOUT' : 'ECONNECTION';
  return new DeliveryError(`${code}: SMS gateway unreachable`, false, code);
}

/**
 * What the worker records for any throw: a DeliveryError as it is; anything else (a bug, a transport
 * that forgot to wrap) by its code only, since its message may quote the mail, and retried unless
 * it says `permanent: true`.
 */
export function asDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const failure = (typeof err === 'object' && err !== null ? err : {}) as SmtpFailure;
  const code = readCode(failure.code);
  return new DeliveryError(`${code ?? 'ERROR'}: delivery failed`, failure.permanent === true, code);
}
