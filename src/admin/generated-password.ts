import { failedShapeRules, type PasswordRulesConfig } from '../shared/password-rules';
import { cryptoRandom, type RandomSource } from '../reset/secrets';

// 62 letters and digits plus symbols that survive copy, paste and SMS; no quotes, backslash or space.
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SYMBOLS = '!#$%&*+-=?@^_~';
export const GENERATED_ALPHABET = LOWER + UPPER + DIGITS + SYMBOLS;

const MAX_DRAWS = 100;

/**
 * A temporary password from a CSPRNG: uniform over a 76-symbol alphabet (about 6.2 bits a
 * character), redrawn until it meets the composition rules and is not in the bundled breached list
 * (only a false positive of its hashes could put it there), so every draw is still uniform among
 * the acceptable ones.
 */
export function generatePassword(
  rules: PasswordRulesConfig,
  inBreachedList: (candidate: string) => boolean,
  length = Math.max(16, rules.minLength),
  random: RandomSource = cryptoRandom,
): string {
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const candidate = Array.from(
      { length },
      () => GENERATED_ALPHABET[random.int(GENERATED_ALPHABET.length)],
    ).join('');
    if (failedShapeRules(candidate, rules).length === 0 && !inBreachedList(candidate)) return candidate;
  }
  throw new Error('could not draw a password meeting the rules');
}
