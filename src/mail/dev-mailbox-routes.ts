import { Router } from 'express';
import type { Translate } from '../i18n/localization';
import { HttpError } from '../web/errors';
import { noStore } from '../web/no-store';
import type { DevMailbox, MailboxEntry } from './dev-mailbox';

/**
 * The message's own HTML runs in a sandbox (opaque origin, no script, nothing fetched): a mail must
 * not be able to act as this site. helmet's page policy is replaced on this one response.
 */
const MAIL_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

function summarize({ message }: MailboxEntry): string {
  return message.channel === 'email' ? message.subject : (message.body.split('\n')[0] ?? '');
}

function textOf({ message }: MailboxEntry): string {
  return message.channel === 'email' ? message.text : message.body;
}

/** Links in the text part, clickable here so a developer can follow a reset link. */
function findLinks(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
}

function findEntry(t: Translate, mailbox: DevMailbox, id: string): MailboxEntry {
  const entry = mailbox.get(id);
  if (!entry) throw new HttpError(404, t('dev:errors.no_message'));
  return entry;
}

export interface DevMailboxRouterDeps {
  mailbox: DevMailbox;
}

/** Development only (the app mounts it when not in production): what mail and SMS would have sent. */
export function createDevMailboxRouter({ mailbox }: DevMailboxRouterDeps): Router {
  const router = Router();
  // The mailbox shows live reset links and codes: no cache may keep them.
  router.use('/dev/mailbox', noStore);

  router.get('/dev/mailbox', (req, res) => {
    const messages = mailbox.list().map((entry) => ({
      id: entry.id,
      sentAt: entry.sentAt,
      channel: entry.message.channel,
      to: entry.message.to,
      summary: summarize(entry),
    }));
    res.render('dev/mailbox', { title: req.t('dev:mailbox.title'), messages });
  });

  router.get('/dev/mailbox/:id', (req, res) => {
    const entry = findEntry(req.t, mailbox, req.params.id);
    const text = textOf(entry);
    res.render('dev/message', {
      title: summarize(entry) || req.t('dev:message.untitled'),
      entry,
      summary: summarize(entry),
      text,
      links: findLinks(text),
    });
  });

  router.get('/dev/mailbox/:id/html', (req, res) => {
    const { message } = findEntry(req.t, mailbox, req.params.id);
    if (message.channel !== 'email') throw new HttpError(404, req.t('dev:errors.no_html'));
    res.set('Content-Security-Policy', MAIL_HTML_CSP);
    res.type('html').send(message.html);
  });

  return router;
}
