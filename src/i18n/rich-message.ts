import { escapeXML } from 'ejs';
import type { Translate } from './localization';

/** A value already marked up (its own text escaped): a name in `<bdi>`, a code in `<strong dir="ltr">`. */
export interface Markup {
  html: string;
}

export type RichValue = string | number | Markup;

// Private-use characters mark where a markup value goes: no translation has them, and plain values lose them.
const SLOT = /\u{E000}(\d+)\u{E001}/gu;
const SLOT_MARKS = /[\u{E000}\u{E001}]/gu;

/**
 * A message as HTML: the translation escaped, with each marked-up value where the translation put it,
 * so no catalog holds HTML and every language keeps its own word order. Use with `<%-`.
 */
export function richMessage(t: Translate, key: string, values: Record<string, RichValue> = {}): string {
  const markups: string[] = [];
  const plain: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'object') plain[name] = `\u{E000}${markups.push(value.html) - 1}\u{E001}`;
    else plain[name] = typeof value === 'string' ? value.replace(SLOT_MARKS, '') : value;
  }
  return escapeXML(t(key, plain)).replace(SLOT, (_slot, index: string) => markups[Number(index)]!);
}
