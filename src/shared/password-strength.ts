import { ZxcvbnFactory, type OptionsType } from '@zxcvbn-ts/core';

export type StrengthEstimator = (password: string, userWords: string[]) => 0 | 1 | 2 | 3 | 4;

/**
 * How many l33t decodings of a password zxcvbn matches against its dictionaries (its default is
 * 100). Each decoding costs a whole dictionary pass on the event loop: a passphrase with three
 * symbols has a dozen decodings (10 ms), a digit-heavy one a hundred (60 ms). Full decodings come
 * first, so five still catch nearly all l33t: of 1,416 weak l33t spellings of common passwords and
 * names, 35 score 2 instead of 0–1 (those whose doubled letters or many symbols, like `j3nn1f3r`
 * or `m477h3w!`, push the right decoding past the fifth).
 */
const L33T_MAX_SPELLINGS = 5;

/** Works in Node and in the browser; the caller decides which dictionaries to load and when. */
export function createStrengthEstimator(options: OptionsType): StrengthEstimator {
  const zxcvbn = new ZxcvbnFactory({ l33tMaxSubstitutions: L33T_MAX_SPELLINGS, ...options });
  return (password, userWords) => zxcvbn.check(password, userWords).score;
}
