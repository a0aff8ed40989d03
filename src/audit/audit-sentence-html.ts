import { escapeXML } from 'ejs';
import type { Translate } from '../i18n/localization';
import { richMessage, type RichValue } from '../i18n/rich-message';
import { auditSentence, type SentenceParts } from './audit-messages';

/** Names keep their own direction; codes, URLs and technical reasons always read left to right. */
const ISOLATED: Record<string, string> = {
  actor: '<bdi>',
  target: '<bdi>',
  name: '<bdi>',
  scopes: '<bdi dir="ltr">',
  url: '<bdi dir="ltr">',
  fields: '<bdi dir="ltr">',
  reason: '<bdi dir="ltr">',
  action: '<bdi dir="ltr">',
};

/**
 * The event's sentence as HTML: the message escaped, each name, URL or code in its own `<bdi>`, so a
 * Latin name inside Arabic text (or the reverse) keeps its order. Use with `<%-`.
 */
export function auditSentenceHtml(t: Translate, action: string, parts: SentenceParts): string {
  const { key, values } = auditSentence(t, action, parts);
  const marked: Record<string, RichValue> = { ...values };
  for (const name of Object.keys(ISOLATED)) {
    const value = values[name];
    if (typeof value === 'string' && value !== '')
      marked[name] = { html: `${ISOLATED[name]}${escapeXML(value)}</bdi>` };
  }
  return richMessage(t, key, marked);
}
