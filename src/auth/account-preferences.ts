import type { Localization } from '../i18n/localization';
import { listTimeZones } from '../i18n/time-zones';
import { stringField } from '../web/form';
import { AUTH_MESSAGES } from './auth-messages';

/** A person's own language and time zone; null: the browser's language, the organisation's zone. */
export interface Preferences {
  locale: string | null;
  timeZone: string | null;
}

export type PreferencesErrors = Partial<Record<keyof Preferences, string>>;

export type PreferencesInput =
  | { ok: true; preferences: Preferences }
  /** `values` holds the fields that were valid, to show again beside the errors. */
  | { ok: false; values: Partial<Preferences>; errors: PreferencesErrors };

let zones: ReadonlySet<string> | null = null;
/** Only what the form offers: `Intl` would also take other spellings of a zone. */
const offeredZones = () => (zones ??= new Set(listTimeZones()));

/** The empty choice clears it; a missing, repeated or unknown value is refused. */
function choice(body: unknown, name: keyof Preferences, known: (value: string) => boolean) {
  const value = stringField(body, name, 64);
  if (value === '') return { value: null };
  return value !== null && known(value) ? { value } : null;
}

/** The form's two fields. Errors are catalog keys. */
export function readPreferences(body: unknown, localization: Localization): PreferencesInput {
  const locale = choice(body, 'locale', (value) => localization.isLocale(value));
  const timeZone = choice(body, 'timeZone', (value) => offeredZones().has(value));
  if (locale && timeZone)
    return { ok: true, preferences: { locale: locale.value, timeZone: timeZone.value } };
  const values: Partial<Preferences> = {};
  const errors: PreferencesErrors = {};
  if (locale) values.locale = locale.value;
  else errors.locale = AUTH_MESSAGES.unknown_language;
  if (timeZone) values.timeZone = timeZone.value;
  else errors.timeZone = AUTH_MESSAGES.unknown_time_zone;
  return { ok: false, values, errors };
}

/** The zones the form lists (the languages are the switcher's), and what an empty choice means. */
export function preferenceChoices(localization: Localization) {
  return { timeZones: [...offeredZones()], defaultTimeZone: localization.defaultTimeZone };
}
