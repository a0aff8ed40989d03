import type { Catalog, LocaleCatalogs } from './catalog';
import type { DateFormats } from './date-formats';

/** Development only: the source strings, accented and bracketed, so untranslated text stands out. */
export const PSEUDO_LOCALE = 'en-XA';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, index) => [
    letter,
    [...'àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀßÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][index]!,
  ]),
);

/**
 * Accents the letters of an ICU message outside its syntax: `{name}`, `{count, plural, one {…}}` keep
 * their argument names and keywords, while the text inside plural and select branches is accented.
 */
export function pseudoMessage(message: string): string {
  let out = '';
  // Each open brace: whether it opened an argument (its name and keywords come next) or a branch's text.
  const braces: Array<'argument' | 'text'> = [];
  let inArgumentHead = false;
  for (const char of message) {
    if (char === '{') {
      braces.push(inArgumentHead ? 'text' : 'argument');
      inArgumentHead = braces.at(-1) === 'argument';
      out += char;
    } else if (char === '}') {
      braces.pop();
      inArgumentHead = braces.at(-1) === 'argument';
      out += char;
    } else {
      out += inArgumentHead ? char : (ACCENTED[char] ?? char);
    }
  }
  return `⟦${out}⟧`;
}

function pseudoOf(catalog: Catalog): Catalog {
  return Object.fromEntries(
    Object.entries(catalog).map(([key, value]) => [
      key,
      typeof value === 'string' ? pseudoMessage(value) : pseudoOf(value),
    ]),
  );
}

export function pseudoCatalog(source: LocaleCatalogs): LocaleCatalogs {
  const catalogs = Object.fromEntries(Object.entries(source).map(([ns, catalog]) => [ns, pseudoOf(catalog)]));
  // Its direction stays a keyword; its name says what it is.
  const language = (catalogs.common as Catalog).language as Catalog;
  language.direction = 'ltr';
  language.name = `${pseudoMessage('Pseudo')} (${PSEUDO_LOCALE})`;
  return catalogs;
}

/** Dates and durations come from `Intl`, not the catalogs: marked the same way, so they read as localised. */
export function pseudoDateFormats(formats: DateFormats): DateFormats {
  return Object.fromEntries(
    Object.entries(formats).map(([name, format]) => [
      name,
      (...args: never[]) => pseudoMessage((format as (...values: never[]) => string)(...args)),
    ]),
  ) as unknown as DateFormats;
}
