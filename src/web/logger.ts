import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config';

export type { Logger } from 'pino';

/** Field names whose values are secrets wherever they appear in a logged object. */
const SECRET_KEYS = [
  'password',
  'confirmPassword',
  'currentPassword',
  'newPassword',
  'token',
  'code',
  'setupToken',
  '_csrf',
  'csrfToken',
  'secret',
  'sessionSecret',
  'tokenPepper',
  'outboxKey',
  'cookie',
  'authorization',
];

/** pino's `*.key` wildcard matches exactly one level, so each depth needs its own path. */
const WILDCARD_DEPTHS = ['', '*.', '*.*.', '*.*.*.'];

export const REDACTED_PATHS: readonly string[] = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...WILDCARD_DEPTHS.flatMap((prefix) => SECRET_KEYS.map((key) => `${prefix}${key}`)),
];

/**
 * Reset links carry their token in the query string (`/reset?token=…`), so no URL reaches a log
 * with its query: anything after `?` is dropped.
 */
export function stripQuery(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? url : url.slice(0, index);
}

type LoggableRequest = IncomingMessage & { id?: unknown; originalUrl?: string; ip?: string };

/** Only headers that help operators; anything else (API keys, custom auth) never reaches a log. */
const LOGGED_REQUEST_HEADERS = [
  'host',
  'user-agent',
  'referer',
  'accept',
  'content-type',
  'content-length',
  'x-forwarded-for',
  'x-forwarded-proto',
  // Kept only so their presence shows; their values are redacted.
  'cookie',
  'authorization',
];
const LOGGED_RESPONSE_HEADERS = ['content-type', 'content-length', 'cache-control', 'location', 'set-cookie'];

function pickHeaders<T>(headers: Record<string, T> | undefined, names: readonly string[]) {
  const picked: Record<string, T> = {};
  for (const name of names) {
    const value = headers?.[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/** Replaces pino's request serializer: no query string, no parsed `query`/`params`/body. */
export function serializeRequest(req: LoggableRequest) {
  const headers = pickHeaders(req.headers as Record<string, string | string[]>, LOGGED_REQUEST_HEADERS);
  // A Referer may be a reset link from another tab; it gets the same treatment as the URL.
  if (typeof headers.referer === 'string') headers.referer = stripQuery(headers.referer);
  return {
    id: req.id,
    method: req.method,
    url: stripQuery(req.originalUrl ?? req.url ?? ''),
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
    headers,
  };
}

export function serializeResponse(res: ServerResponse) {
  const headers = pickHeaders(res.getHeaders?.(), LOGGED_RESPONSE_HEADERS);
  if (typeof headers.location === 'string') headers.location = stripQuery(headers.location);
  return { statusCode: res.statusCode, headers };
}

/** `destination` lets tests capture the JSON lines; production writes to stdout. */
export function createLogger(config: Config, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: [...REDACTED_PATHS], censor: '[Redacted]' },
    serializers: { req: serializeRequest, res: serializeResponse, err: stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}
