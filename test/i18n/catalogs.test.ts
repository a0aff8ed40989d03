import IntlMessageFormat from 'intl-messageformat';
import { loadCatalogs, SOURCE_LOCALE } from '../../src/i18n/localization';
import { flatten, keysUsed } from './catalog-keys';

const catalogs = loadCatalogs();
const source = flatten(catalogs[SOURCE_LOCALE]!);
const translations = Object.keys(catalogs).filter((locale) => locale !== SOURCE_LOCALE);

/** The names a message interpolates (`{name}`, `{count, plural, …}`), nested branches included. */
function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const element of elements as {
      type: number;
      value?: unknown;
      options?: Record<string, { value: unknown[] }>;
      children?: unknown[];
    }[]) {
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

describe('the message catalogs', () => {
  test('there is a source catalog and at least Arabic and Japanese beside it', () => {
    expect(translations).toEqual(expect.arrayContaining(['ar', 'ja']));
    expect(source.size).toBeGreaterThan(0);
  });

  test.each(translations)(
    'when a translator works on %s, then it has every key of the source and no other',
    (locale) => {
      const keys = flatten(catalogs[locale]!);
      const missing = [...source.keys()].filter((key) => !keys.has(key));
      const extra = [...keys.keys()].filter((key) => !source.has(key));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    },
  );

  test.each(Object.keys(catalogs))(
    'when %s is formatted, then every message is valid ICU with the source’s arguments',
    (locale) => {
      const problems: string[] = [];
      for (const [key, message] of flatten(catalogs[locale]!)) {
        try {
          const expected = argumentsOf(source.get(key) ?? message, SOURCE_LOCALE);
          const actual = argumentsOf(message, locale);
          if (actual.join() !== expected.join())
            problems.push(`${key}: {${actual.join(', ')}} instead of {${expected.join(', ')}}`);
          if (message.trim() === '') problems.push(`${key}: empty`);
        } catch (error) {
          problems.push(`${key}: ${(error as Error).message}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  test('when the code and the views name a key, then the source catalog has it, and it has no key nobody names', () => {
    const used = keysUsed(Object.keys(catalogs[SOURCE_LOCALE]!));
    const unknown = [...used]
      .filter(([key]) => !source.has(key))
      .map(([key, files]) => `${key} (${files[0]})`);
    const unused = [...source.keys()].filter((key) => !used.has(key));
    expect({ unknown, unused }).toEqual({ unknown: [], unused: [] });
  });
});
