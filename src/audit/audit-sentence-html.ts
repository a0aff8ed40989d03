import type { Translate } from '../i18n/localization';
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

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);

// Private-use characters: no catalog message or escaping touches them, so they mark where a value went.
const mark = (index: number) => `\uE000${index}\uE001`;
const MARKS = /\uE000(\d+)\uE001/g;

/**
 * The event's sentence as HTML: the message escaped, each name, URL or code in its own `<bdi>`, so a
 * Latin name inside Arabic text (or the reverse) keeps its order. Use with `<%-`.
 */
export function auditSentenceHtml(t: Translate, action: string, parts: SentenceParts): string {
  const { key, values } = auditSentence(t, action, parts);
  const isolated: string[] = [];
  const marked = { ...values };
  for (const name of Object.keys(ISOLATED)) {
    const value = values[name];
    if (typeof value !== 'string' || value === '') continue;
    marked[name] = mark(isolated.length);
    isolated.push(`${ISOLATED[name]}${escapeHtml(value)}</bdi>`);
  }
  return escapeHtml(t(key, marked)).replace(MARKS, (_match, index: string) => isolated[Number(index)]!);
}
