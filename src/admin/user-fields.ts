import { isEmailAddress } from '../auth/email';
import { holdsPermissionsOf } from '../auth/permissions';
import { isE164Phone } from '../auth/phone';
import type { Translate } from '../i18n/localization';
import { toAsciiDigits } from '../shared/digits';
import { normalizeUsername } from '../shared/username';
import { ROLE_NAMES, USER_TYPES, type RoleName, type User, type UserType } from '../store';
import { USER_TYPE_LABELS } from '../auth/user-labels';

/** A message shown under a field: a catalog key and its values, translated by the form that shows it. */
export interface FieldMessage {
  key: string;
  values?: Record<string, string | number>;
}

/** One field's verdict: the cleaned value, or the message shown under the field. */
export type Check<T> = { ok: true; value: T } | { ok: false; error: FieldMessage };

const pass = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(key: string, values?: FieldMessage['values']): Check<T> => ({
  ok: false,
  error: { key, values },
});

const MAX_DISPLAY_NAME = 100;
/** Line breaks and controls break mails and logs; bidi overrides make a name display as something else. */
const UNSAFE_NAME_CHARACTERS = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/u;
/** Saudi national ID (1…) or IQAMA (2…): ten digits. */
const NATIONAL_ID = /^[12]\d{9}$/;

/**
 * A form field as typed: '' when absent; an error when it is an array, an object (`{"$ne": null}`) or
 * longer than maxLength, so operator objects never reach validation or the store.
 */
export function readText(body: unknown, name: string, maxLength: number): Check<string> {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : '';
  if (value === undefined) return pass('');
  if (typeof value !== 'string') return fail('admin-users:fields.send_once');
  if (value.length > maxLength) return fail('admin-users:fields.too_long', { max: maxLength });
  return pass(value);
}

export function checkUsername(text: string): Check<string> {
  const username = normalizeUsername(text);
  if (!username) return fail('admin-users:fields.username_required');
  if (!isEmailAddress(username)) return fail('admin-users:fields.email_invalid');
  return pass(username);
}

export function checkDisplayName(text: string): Check<string> {
  const name = text.trim().normalize('NFC');
  if (!name) return fail('admin-users:fields.name_required');
  if ([...name].length > MAX_DISPLAY_NAME)
    return fail('admin-users:fields.too_long', { max: MAX_DISPLAY_NAME });
  if (UNSAFE_NAME_CHARACTERS.test(name)) return fail('admin-users:fields.name_unsafe');
  return pass(name);
}

export function checkUserType(text: string): Check<UserType> {
  const type = USER_TYPES.find((candidate) => candidate === text);
  return type ? pass(type) : fail('admin-users:fields.type_invalid');
}

/** Only a role whose every permission the granting admin holds (privilege containment). */
export function checkGrantableRole(granter: Pick<User, 'roles'>) {
  return (text: string): Check<RoleName> => {
    const role = ROLE_NAMES.find((candidate) => candidate === text);
    if (!role) return fail('admin-users:fields.role_invalid');
    return holdsPermissionsOf(granter, [role]) ? pass(role) : fail('admin-users:fields.role_not_grantable');
  };
}

/** Optional; kept as typed (trimmed), since it is shown and used as an address, never as a login. */
export function checkContactEmail(text: string): Check<string | null> {
  const email = text.trim();
  if (!email) return pass(null);
  return isEmailAddress(email) ? pass(email) : fail('admin-users:fields.email_invalid');
}

/**
 * Optional; digits typed in any script become ASCII, and spaces, dashes, dots and brackets are dropped, so
 * "+44 7700-900 123" and "+٩٦٦٥٠١٢٣٤٥٦٧" are stored as "+447700900123" and "+966501234567".
 */
export function checkPhone(text: string): Check<string | null> {
  // A full-width plus comes with full-width digits from Japanese input methods.
  const trimmed = toAsciiDigits(text)
    .replace(/\uFF0B/g, '+')
    .trim();
  if (!trimmed) return pass(null);
  const phone = /^[+\d \-.()]+$/.test(trimmed) ? trimmed.replace(/[ \-.()]/g, '') : '';
  return isE164Phone(phone) ? pass(phone) : fail('admin-users:fields.phone_invalid');
}

/** Optional; digits typed in any script become ASCII, and spaces and dashes are dropped. */
export function checkNationalId(text: string): Check<string | null> {
  const trimmed = toAsciiDigits(text).trim();
  if (!trimmed) return pass(null);
  const digits = trimmed.replace(/[ -]/g, '');
  return NATIONAL_ID.test(digits) ? pass(digits) : fail('admin-users:fields.national_id_invalid');
}

/** Which user types may hold a national ID, in words ("Parent"). */
export function describeNationalIdTypes(types: readonly UserType[], t: Translate): string {
  return types.map((type) => t(USER_TYPE_LABELS[type])).join(t('admin:messages.list_separator'));
}
