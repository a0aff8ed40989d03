import IntlMessageFormat from 'intl-messageformat';
import type { LocaleCatalogs } from '../../src/i18n/catalog';
import { loadCatalogs, SOURCE_LOCALE } from '../../src/i18n/localization';
import { pseudoMessage } from '../../src/i18n/pseudo-locale';
import { flatten, keysUsed } from './catalog-keys';

const catalogs = loadCatalogs();
const source = flatten(catalogs[SOURCE_LOCALE]!);
const translations = Object.keys(catalogs).filter((locale) => locale !== SOURCE_LOCALE);

/** The names a message interpolates (`{name}`, `{count, plural, …}`), nested branches included. */
function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  type Element = {
    type: number;
    value?: unknown;
    options?: Record<string, { value: unknown[] }>;
    children?: unknown[];
  };
  const walk = (elements: unknown[]) => {
    for (const element of elements as Element[]) {
      // 0 is literal text and 7 the `#` of a plural branch: everything else names an argument.
      if (element.type !== 0 && element.type !== 7 && typeof element.value === 'string')
        names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      if (element.children) walk(element.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

/** What a translator must fix in one locale: keys missing or extra against the source, broken messages. */
function problemsOf(locale: string, all: Record<string, LocaleCatalogs>): string[] {
  const english = flatten(all[SOURCE_LOCALE]!);
  const keys = flatten(all[locale]!);
  const problems = [
    ...[...english.keys()].filter((key) => !keys.has(key)).map((key) => `${key}: missing`),
    ...[...keys.keys()].filter((key) => !english.has(key)).map((key) => `${key}: not in ${SOURCE_LOCALE}`),
  ];
  for (const [key, message] of keys) {
    try {
      const expected = argumentsOf(english.get(key) ?? message, SOURCE_LOCALE).join(', ');
      const actual = argumentsOf(message, locale).join(', ');
      if (actual !== expected) problems.push(`${key}: {${actual}} instead of {${expected}}`);
      if (message.trim() === '') problems.push(`${key}: empty`);
    } catch (error) {
      problems.push(`${key}: ${(error as Error).message}`);
    }
  }
  return problems;
}

describe('the message catalogs', () => {
  test('there is a source catalog and at least Arabic and Japanese beside it', () => {
    expect(translations).toEqual(expect.arrayContaining(['ar', 'ja']));
    expect(source.size).toBeGreaterThan(0);
  });

  test.each(Object.keys(catalogs))(
    'when %s is checked, then it has exactly the source’s keys, each valid ICU with the source’s arguments',
    (locale) => {
      expect(problemsOf(locale, catalogs)).toEqual([]);
    },
  );

  test('when a key is removed from one translation, then the check names it', () => {
    const arabic = structuredClone(catalogs.ar!);
    delete (arabic.common!.header as Record<string, unknown>).sign_out;
    (arabic.common!.errors as Record<string, unknown>).eyebrow = 'خطأ {code}';
    expect(problemsOf('ar', { ...catalogs, ar: arabic })).toEqual([
      'common:header.sign_out: missing',
      'common:errors.eyebrow: {code} instead of {status}',
    ]);
  });

  test('when the code and the views name a key, then the source catalog has it, and it has no key nobody names', () => {
    const used = keysUsed(Object.keys(catalogs[SOURCE_LOCALE]!));
    const unknown = [...used]
      .filter(([key]) => !source.has(key))
      .map(([key, files]) => `${key} (${files[0]})`);
    const unused = [...source.keys()].filter((key) => !used.has(key));
    expect({ unknown, unused }).toEqual({ unknown: [], unused: [] });
  });

  test('when a message is pseudo-localised, then its text is accented and its ICU arguments and keywords are kept', () => {
    const message = 'You have {count, plural, one {# attempt} other {# attempts}} left, {name}.';
    const pseudo = pseudoMessage(message);
    expect(pseudo).toBe('⟦Ýöû ĥàṽé {count, plural, one {# àţţéɱþţ} other {# àţţéɱþţš}} ļéƒţ, {name}.⟧');
    expect(new IntlMessageFormat(pseudo, 'en').format({ count: 2, name: 'Ada' })).toBe(
      '⟦Ýöû ĥàṽé 2 àţţéɱþţš ļéƒţ, Ada.⟧',
    );
  });
});
