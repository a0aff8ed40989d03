/**
 * The browser scripts' strings, translated by the server into the page's language
 * (views/partials/client-text.ejs, from locales/<lang>/client.json). Keys are written in full where they
 * are used — `text('client:meter.score.weak')` — so the catalog test sees every one.
 */
export type ClientTextKey = `client:${string}`;

/** The strings in the page's JSON block; a missing or garbled block gives none. */
export function parseClientText(json: string | null | undefined): ReadonlyMap<string, string> {
  try {
    const parsed: unknown = JSON.parse(json ?? '');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return new Map();
    return new Map(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return new Map();
  }
}

let texts: ReadonlyMap<string, string> | null = null;

/** The page's translation of `key`; the key itself when the page lacks it, so the gap shows instead of a blank. */
export function text(key: ClientTextKey): string {
  texts ??= parseClientText(document.getElementById('client-text')?.textContent);
  return texts.get(key) ?? key;
}

/** A number in the page's language (`<html lang>`), e.g. Arabic-Indic digits in Arabic. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(document.documentElement.lang || undefined).format(value);
}
