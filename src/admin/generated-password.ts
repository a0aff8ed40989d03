import { failedShapeRules, type PasswordRulesConfig } from '../shared/password-rules';
import { cryptoRandom, type RandomSource } from '../reset/secrets';

// Letters and digits without the look-alikes (0 O o, 1 l I i, |) and without symbols, whose names and
// keys differ between keyboard layouts and phones.
const LOWER = 'abcdefghjkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
export const GENERATED_ALPHABET = LOWER + UPPER + DIGITS;
/** Joins groups of four: the one symbol, and the same key and name on every layout. */
export const GROUP_SEPARATOR = '-';
const GROUP_SIZE = 4;

const MAX_DRAWS = 100;

function groupedLength(drawn: number): number {
  return drawn + Math.ceil(drawn / GROUP_SIZE) - 1;
}

/** Characters to draw so that the grouped password reaches `target` (hyphens count) within `maxLength`. */
function drawnLength(target: number, maxLength: number): number {
  let drawn = GROUP_SIZE * 4;
  while (groupedLength(drawn) < target) drawn += 1;
  // A hyphen can overshoot the target by one; rather one character short than over the maximum.
  return groupedLength(drawn) > maxLength ? drawn - 1 : drawn;
}

function grouped(characters: string[]): string {
  const groups: string[] = [];
  for (let start = 0; start < characters.length; start += GROUP_SIZE) {
    groups.push(characters.slice(start, start + GROUP_SIZE).join(''));
  }
  return groups.join(GROUP_SEPARATOR);
}

/**
 * A temporary password from a CSPRNG, easy to read out and type: groups of four from a 55-symbol
 * alphabet without look-alikes (`Kx7q-Mt3p-Wz9r-Hc4n`), 16 drawn characters at least, so about 92
 * bits. It is redrawn until it meets the composition rules, so every draw stays uniform among the
 * acceptable ones and not in the bundled breached list (only a false positive of its hashes could
 * put it there); the hyphens are part of the password and are typed as shown.
 */
export function generatePassword(
  rules: PasswordRulesConfig,
  inBreachedList: (candidate: string) => boolean,
  length = Math.max(16, rules.minLength),
  random: RandomSource = cryptoRandom,
): string {
  const drawn = drawnLength(Math.max(length, rules.minLength), rules.maxLength);
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const candidate = grouped(
      Array.from({ length: drawn }, () => GENERATED_ALPHABET[random.int(GENERATED_ALPHABET.length)]!),
    );
    if (failedShapeRules(candidate, rules).length === 0 && !inBreachedList(candidate)) return candidate;
  }
  throw new Error('could not draw a password meeting the rules');
}
