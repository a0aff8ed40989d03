import { createLocalization, type Localized } from '../../src/i18n/localization';

const localization = createLocalization({ defaultLocale: 'en', defaultTimeZone: 'UTC', pseudoLocale: true });

/** The product's own catalogs, as a page or a mail in that locale (UTC unless a zone is given) would use them. */
export function localized(locale = 'en', timeZone = 'UTC'): Localized {
  return localization.for({ locale, timeZone });
}

/** English strings, for asserting on what a page or a mail says. */
export const en = localized('en').t;
