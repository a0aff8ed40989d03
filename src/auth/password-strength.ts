import { ZxcvbnFactory, type OptionsType } from '@zxcvbn-ts/core';

export const PRODUCT_WORDS = ['resetdesk', 'reset', 'desk', 'password'];

/** Words from the account that make a password guessable: name parts, the address and its local part. */
export function userContextWords(user: { username: string; displayName: string }): string[] {
  const [localPart = ''] = user.username.split('@');
  const nameParts = user.displayName.toLowerCase().split(/\s+/);
  return [
    ...new Set([user.username, localPart, ...localPart.split(/[._+-]/), ...nameParts, ...PRODUCT_WORDS]),
  ].filter((word) => word.length >= 3);
}

export type StrengthEstimator = (password: string, userWords: string[]) => 0 | 1 | 2 | 3 | 4;

/** Works in Node and in the browser; the caller decides which dictionaries to load and when. */
export function createStrengthEstimator(options: OptionsType): StrengthEstimator {
  const zxcvbn = new ZxcvbnFactory(options);
  return (password, userWords) => zxcvbn.check(password, userWords).score;
}
