import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import ICU from 'i18next-icu';
import { PROJECT_ROOT } from '../project-root';
import type { Catalog, LocaleCatalogs } from './catalog';
import { createDateFormats, type DateFormats } from './date-formats';
import { pseudoCatalog, pseudoDateFormats, PSEUDO_LOCALE } from './pseudo-locale';
import { isTimeZone } from './time-zones';

export type Translate = TFunction;
export type Direction = 'ltr' | 'rtl';

/** Every string source of the product: the folders under `locales/`, the source language first. */
export const SOURCE_LOCALE = 'en';
const CATALOG_DIR = join(PROJECT_ROOT, 'locales');

/** A viewer or recipient: their own choice where they made one. */
export interface LocalePreference {
  locale?: string | null;
  timeZone?: string | null;
}

/** Everything a page or a message needs to speak one person's language, in their time zone. */
export interface Localized extends DateFormats {
  locale: string;
  dir: Direction;
  timeZone: string;
  t: Translate;
}

export interface Localization {
  /** Locales a person can choose, in the order the switcher lists them. */
  locales: readonly string[];
  defaultLocale: string;
  defaultTimeZone: string;
  /** The language's own name, for the switcher ("العربية", "日本語"). */
  nameOf(locale: string): string;
  isLocale(value: unknown): value is string;
  /** The preference where it is supported, else the defaults. */
  for(preference?: LocalePreference): Localized;
}

export interface LocalizationOptions {
  defaultLocale: string;
  defaultTimeZone: string;
  /** Adds the development pseudo-locale (every string accented and bracketed), for spotting untranslated text. */
  pseudoLocale: boolean;
}

let loaded: Record<string, LocaleCatalogs> | null = null;

/** Read once per process: every app (the tests build many) shares the parsed files. */
export function loadCatalogs(): Record<string, LocaleCatalogs> {
  if (loaded) return loaded;
  const catalogs: Record<string, LocaleCatalogs> = {};
  for (const locale of readdirSync(CATALOG_DIR).sort()) {
    const namespaces: LocaleCatalogs = {};
    for (const file of readdirSync(join(CATALOG_DIR, locale)).filter((name) => name.endsWith('.json'))) {
      namespaces[file.slice(0, -'.json'.length)] = JSON.parse(
        readFileSync(join(CATALOG_DIR, locale, file), 'utf8'),
      ) as Catalog;
    }
    catalogs[locale] = namespaces;
  }
  loaded = catalogs;
  return catalogs;
}

/** The source language first, then the others by their code. */
function orderLocales(codes: string[]): string[] {
  return [SOURCE_LOCALE, ...codes.filter((code) => code !== SOURCE_LOCALE)];
}

/**
 * Most strings of a page take no values: each is resolved by i18next once per locale and then read
 * from a map (a page makes dozens of such calls; i18next's own lookup costs microseconds each).
 */
function rememberPlainMessages(t: TFunction): Translate {
  const plain = new Map<string, string>();
  const remembering = (key: string | string[], ...rest: unknown[]): string => {
    if (rest.length > 0 || typeof key !== 'string')
      return (t as unknown as (...args: unknown[]) => string)(key, ...rest);
    let text = plain.get(key);
    if (text === undefined) {
      text = t(key);
      plain.set(key, text);
    }
    return text;
  };
  return remembering as unknown as Translate;
}

/**
 * i18next with ICU messages over the catalogs in `locales/`. Each (locale, time zone) pair is built once
 * and kept: translators and date formats are bound to it, so a request only looks its pair up.
 */
export function createLocalization(options: LocalizationOptions): Localization {
  const catalogs: Record<string, LocaleCatalogs> = { ...loadCatalogs() };
  if (options.pseudoLocale) catalogs[PSEUDO_LOCALE] = pseudoCatalog(catalogs[SOURCE_LOCALE]!);
  const locales = orderLocales(Object.keys(catalogs));
  const namespaces = Object.keys(catalogs[SOURCE_LOCALE]!);
  const isLocale = (value: unknown): value is string => typeof value === 'string' && locales.includes(value);
  if (!isLocale(options.defaultLocale))
    throw new Error(`DEFAULT_LOCALE must be one of ${locales.join(', ')}`);

  const instance = i18next.createInstance();
  void instance.use(ICU).init({
    initAsync: false,
    resources: catalogs,
    ns: namespaces,
    defaultNS: 'common',
    supportedLngs: locales,
    fallbackLng: SOURCE_LOCALE,
    load: 'currentOnly',
    returnNull: false,
    interpolation: { escapeValue: false },
  });

  const nameOf = (locale: string) => instance.getFixedT(locale)('common:language.name');
  const directionOf = (locale: string): Direction =>
    instance.getFixedT(locale)('common:language.direction') === 'rtl' ? 'rtl' : 'ltr';

  const built = new Map<string, Localized>();
  return {
    locales,
    defaultLocale: options.defaultLocale,
    defaultTimeZone: options.defaultTimeZone,
    nameOf,
    isLocale,
    for(preference = {}) {
      const locale = isLocale(preference.locale) ? preference.locale : options.defaultLocale;
      const timeZone = isTimeZone(preference.timeZone) ? preference.timeZone : options.defaultTimeZone;
      const key = `${locale} ${timeZone}`;
      let localized = built.get(key);
      if (!localized) {
        localized = {
          locale,
          dir: directionOf(locale),
          timeZone,
          t: rememberPlainMessages(instance.getFixedT(locale)),
          ...(locale === PSEUDO_LOCALE
            ? pseudoDateFormats(createDateFormats(SOURCE_LOCALE, timeZone))
            : createDateFormats(locale, timeZone)),
        };
        built.set(key, localized);
      }
      return localized;
    },
  };
}
