import { isEmailAddress } from '../auth/email';
import { holdsPermissionsOf } from '../auth/permissions';
import { isE164Phone } from '../auth/phone';
import { USER_TYPE_LABELS } from '../auth/user-labels';
import type { Translate } from '../i18n/localization';
import { normalizeUsername } from '../shared/username';
import { ROLE_NAMES, USER_TYPES, type RoleName, type User, type UserType } from '../store';

/** One field's verdict: the cleaned value, or the message shown under the field. */
export type Check<T> = { ok: true; value: T } | { ok: false; error: string };

const pass = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(error: string): Check<T> => ({ ok: false, error });

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
  if (typeof value !== 'string') return fail('Send this field once, as plain text.');
  if (value.length > maxLength) return fail(`Use at most ${maxLength} characters.`);
  return pass(value);
}

export function checkUsername(text: string): Check<string> {
  const username = normalizeUsername(text);
  if (!username) return fail("Enter the username: the user's email address, where reset mail goes.");
  if (!isEmailAddress(username)) return fail('Enter a valid email address, like name@example.org.');
  return pass(username);
}

export function checkDisplayName(text: string): Check<string> {
  const name = text.trim().normalize('NFC');
  if (!name) return fail('Enter the name people know this user by.');
  if ([...name].length > MAX_DISPLAY_NAME) return fail(`Use at most ${MAX_DISPLAY_NAME} characters.`);
  if (UNSAFE_NAME_CHARACTERS.test(name)) return fail('Remove line breaks and control characters.');
  return pass(name);
}

export function checkUserType(text: string): Check<UserType> {
  const type = USER_TYPES.find((candidate) => candidate === text);
  return type ? pass(type) : fail('Choose a user type from the list.');
}

/** Only a role whose every permission the granting admin holds (privilege containment). */
export function checkGrantableRole(granter: Pick<User, 'roles'>) {
  return (text: string): Check<RoleName> => {
    const role = ROLE_NAMES.find((candidate) => candidate === text);
    if (!role) return fail('Choose a role from the list.');
    return holdsPermissionsOf(granter, [role])
      ? pass(role)
      : fail('You cannot grant a role with permissions you do not hold yourself.');
  };
}

/** Optional; kept as typed (trimmed), since it is shown and used as an address, never as a login. */
export function checkContactEmail(text: string): Check<string | null> {
  const email = text.trim();
  if (!email) return pass(null);
  return isEmailAddress(email) ? pass(email) : fail('Enter a valid email address, like name@example.org.');
}

/** Optional; spaces, dashes, dots and brackets are dropped, so "+44 7700-900 123" is stored as "+447700900123". */
export function checkPhone(text: string): Check<string | null> {
  const trimmed = text.trim();
  if (!trimmed) return pass(null);
  const phone = /^[+\d \-.()]+$/.test(trimmed) ? trimmed.replace(/[ \-.()]/g, '') : '';
  return isE164Phone(phone)
    ? pass(phone)
    : fail('Enter the number in international format: + and the country code, e.g. +44 7700 900123.');
}

/** Optional; spaces and dashes are dropped. */
export function checkNationalId(text: string): Check<string | null> {
  const trimmed = text.trim();
  if (!trimmed) return pass(null);
  const digits = trimmed.replace(/[ -]/g, '');
  return NATIONAL_ID.test(digits)
    ? pass(digits)
    : fail('A national ID or IQAMA number is 10 digits and starts with 1 or 2.');
}

/** Which user types may hold a national ID, in words ("Parent"). */
export function describeNationalIdTypes(types: readonly UserType[], t: Translate): string {
  return types.map((type) => t(USER_TYPE_LABELS[type])).join(', ');
}
