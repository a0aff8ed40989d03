import { escapeXML } from 'ejs';
import type { Localized } from '../i18n/localization';
import { richMessage, type Markup, type RichValue } from '../i18n/rich-message';

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
    rich: (key: string, values: Record<string, RichValue> = {}) => richMessage(recipient.t, key, values),
    bold,
    boldLtr,
    ltrSpan,
    linkTo,
  };
}
