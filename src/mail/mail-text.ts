import { escapeXML } from 'ejs';
import type { Localized } from '../i18n/localization';

/** A value already marked up for the HTML part (its text escaped): bold, or kept left-to-right. */
interface Markup {
  html: string;
}

type RichValue = string | Markup;

// Private-use characters mark where a markup value goes; no translation has them, and plain values lose them.
const SLOT = /\u{E000}(\d+)\u{E001}/gu;
const SLOT_MARKS = /[\u{E000}\u{E001}]/gu;

const bold = (text: string): Markup => ({ html: `<strong>${escapeXML(text)}</strong>` });

/** Addresses, links, usernames and codes read left to right inside an Arabic sentence too. */
const ltrSpan = (text: string): Markup => ({ html: `<span dir="ltr">${escapeXML(text)}</span>` });

/** An address shown as itself, so the reader sees where it leads. */
const linkTo = (href: string): Markup => ({
  html: `<a class="rd-link" style="color:#1f5fbf;" dir="ltr" href="${escapeXML(href)}">${escapeXML(href)}</a>`,
});

const boldLtr = (text: string): Markup => ({
  html: `<strong dir="ltr">${escapeXML(text)}</strong>`,
});

/** LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE: the plain-text part's `dir="ltr"`. */
const isolate = (text: string) => `\u2066${text}\u2069`;

/**
 * What every mail template gets to speak the recipient's language: `t` for the plain-text part (with
 * `ltr()` isolating addresses and codes inside right-to-left text), `rich` for the HTML part, which
 * escapes the translated sentence and puts the marked-up values where the translation placed them.
 */
export function mailText(recipient: Localized) {
  const t = (key: string, values: Record<string, string> = {}) => recipient.t(key, values);
  return {
    lang: recipient.locale,
    dir: recipient.dir,
    t,
    ltr: (text: string) => (recipient.dir === 'rtl' ? isolate(text) : text),
    rich(key: string, values: Record<string, RichValue> = {}): string {
      const markups: string[] = [];
      const plain: Record<string, string> = {};
      for (const [name, value] of Object.entries(values)) {
        if (typeof value === 'string') plain[name] = value.replace(SLOT_MARKS, '');
        else plain[name] = `\u{E000}${markups.push(value.html) - 1}\u{E001}`;
      }
      return escapeXML(t(key, plain)).replace(SLOT, (_slot, index: string) => markups[Number(index)]!);
    },
    bold,
    boldLtr,
    ltrSpan,
    linkTo,
  };
}
