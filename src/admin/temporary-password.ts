import type { PasswordRulesConfig } from '../shared/password-rules';
import type { Config } from '../config';
import type { User } from '../store';
import { generatePassword } from './generated-password';

export type TemporaryPassword =
  | { ok: true; password: string; source: 'generated' | 'national_id' }
  | { ok: false; error: 'no_national_id' };

/** True when the one-click password would be the national ID and there is none on file. */
export function lacksNationalIdPassword(
  target: Pick<User, 'userType' | 'nationalId'>,
  nationalIdPasswordTypes: readonly User['userType'][],
): boolean {
  return nationalIdPasswordTypes.includes(target.userType) && !target.nationalId?.trim();
}

/**
 * The one-click password: the national ID (IQAMA) for the configured user types (parents by
 * default), otherwise a generated one. The national ID bypasses the strength policy on purpose: it
 * is what those users are told to sign in with, it must be changed at once, and it expires unused.
 */
export function oneClickPasswordFor(
  target: Pick<User, 'userType' | 'nationalId'>,
  admin: Pick<Config['admin'], 'nationalIdPasswordTypes' | 'generatedPasswordLength'>,
  rules: PasswordRulesConfig,
  inBreachedList: (candidate: string) => boolean,
): TemporaryPassword {
  if (!admin.nationalIdPasswordTypes.includes(target.userType)) {
    return {
      ok: true,
      password: generatePassword(rules, inBreachedList, admin.generatedPasswordLength),
      source: 'generated',
    };
  }
  const nationalId = target.nationalId?.trim();
  if (!nationalId) {
    return { ok: false, error: 'no_national_id' };
  }
  return { ok: true, password: nationalId, source: 'national_id' };
}
