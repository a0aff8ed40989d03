import type { RequestHandler } from 'express';
import type { OutboxBacklog, OutboxRepository } from '../store';
import { plural } from '../plural';
import { formatUtc } from '../time-format';

/** What staff read while messages wait for a retry; null while nothing is failing. */
export function describeMailWarning(backlog: OutboxBacklog): string | null {
  if (backlog.retrying === 0) return null;
  const waiting = plural(backlog.retrying, 'message is', 'messages are');
  return (
    `Mail delivery is failing: ${waiting} waiting for a retry, the oldest since ` +
    `${formatUtc(backlog.oldestRetryingSince)}. Nothing is lost yet: each is retried at least every ` +
    '10 minutes until it is no longer useful (a reset link until it expires). Check the mail server ' +
    '(SMTP_URL) or the SMS gateway.'
  );
}

/**
 * Sets `mailWarning` for staff (users:read), so the help desk knows mail is late before callers
 * say so; other visitors cost no query.
 */
export function loadMailWarning(outbox: OutboxRepository): RequestHandler {
  return async (_req, res, next) => {
    if (res.locals.can('users:read')) res.locals.mailWarning = describeMailWarning(await outbox.backlog());
    next();
  };
}
