import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { lookUpCoveringSpansOnly } from '../../../src/auth/l33t-spans';
import { loadDictionaryPack } from '../../../src/auth/packed-dictionaries';
import { createStrengthEstimator } from '../../../src/shared/password-strength';
import { contextWords, strengthInputs } from '../../../src/shared/context-words';

const words = strengthInputs(contextWords({ username: 'ada@example.org', displayName: 'Ada Lovelace' }));
const LEET: Record<string, string> = {
  a: '4',
  e: '3',
  i: '1',
  o: '0',
  s: '5',
  t: '7',
  l: '1',
  b: '8',
  g: '9',
};

/** Words of the lists, spelled as people spell them in passwords: l33t, capitalised, with years and symbols. */
function corpus(): string[] {
  const base = ['password', 'sunshine', 'jennifer', 'matthew', 'football', 'dragon', 'princess', 'lovelace'];
  const passwords = ['Copper-Lagoon-58-Maple!', 'Tr0ub4dor&3', 'p@$$w0rd', '|_|n1c0rn', '5umm3r2024!', 'ada'];
  base.forEach((word, index) => {
    const every = word.replace(/[aeiostlbg]/g, (c) => LEET[c]!);
    const some = word.replace(/[aeiostlbg]/g, (c, at: number) => (at % 2 === 0 ? LEET[c]! : c));
    passwords.push(
      every,
      `${some}!`,
      `${every}${1980 + index}`,
      `${word[0]!.toUpperCase()}${some.slice(1)}-${every}`,
    );
    passwords.push(
      `${every}.${base[(index + 3) % base.length]}.${LEET.s}${index}`,
      `!${every.split('').reverse().join('')}`,
    );
  });
  return passwords;
}

function factories(): [ZxcvbnFactory, ZxcvbnFactory] {
  const { lists, graphs } = loadDictionaryPack('en');
  const options = graphs ? { graphs } : {};
  let stock: ZxcvbnFactory | null = null;
  let tuned: ZxcvbnFactory | null = null;
  createStrengthEstimator(options, lists, (zxcvbn) => (stock = zxcvbn));
  createStrengthEstimator(options, lists, (zxcvbn) => {
    lookUpCoveringSpansOnly(zxcvbn);
    tuned = zxcvbn;
  });
  return [stock!, tuned!];
}

describe('l33t matching limited to substituted substrings', () => {
  const [stock, tuned] = factories();

  test('when passwords with l33t spellings are checked, then the guesses and the match sequence are zxcvbn’s own', () => {
    for (const password of corpus()) {
      const expected = stock.check(password, words);
      const actual = tuned.check(password, words);
      expect({ password, guesses: actual.guesses, sequence: actual.sequence }).toEqual({
        password,
        guesses: expected.guesses,
        sequence: expected.sequence,
      });
    }
  });

  test('when a l33t spelling of a common password is checked, then it is still found and scored weak', () => {
    const result = tuned.check('p4ssw0rd', []);
    expect(result.sequence.some((match) => match.l33t && match.matchedWord === 'password')).toBe(true);
    expect(result.score).toBeLessThan(2);
  });
});
