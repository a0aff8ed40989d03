import type { RequestHandler } from 'express';
import type { Localized } from '../i18n/localization';
import type { OutboxBacklog, OutboxRepository } from '../store';

/** What staff read while messages wait for a retry; null while nothing is failing. */
export function describeMailWarning(
  backlog: OutboxBacklog,
  { t, formatDateTime }: Pick<Localized, 't' | 'formatDateTime'>,
): string | null {
  if (backlog.retrying === 0) return null;
  return t('admin:mail_warning', {
    count: backlog.retrying,
    since: formatDateTime(backlog.oldestRetryingSince),
  });
}

/**
 * Sets `mailWarning` for staff (users:read), so the help desk knows mail is late before callers
 * say so; other visitors cost no query.
 */
export function loadMailWarning(outbox: OutboxRepository): RequestHandler {
  return async (req, res, next) => {
    if (res.locals.can('users:read')) {
      res.locals.mailWarning = describeMailWarning(await outbox.backlog(), req.localized);
    }
    next();
  };
}
