import { ZxcvbnFactory, type OptionsType } from '@zxcvbn-ts/core';

export type StrengthEstimator = (password: string, userWords: string[]) => 0 | 1 | 2 | 3 | 4;

/** Word lists by name, most common word first, as the zxcvbn language packs export them. */
export type WordLists = Record<string, string[]>;

/**
 * Languages with dictionaries of their own, checked besides common + English (always checked) when
 * they are the page's or the person's language.
 */
export const STRENGTH_LANGUAGES = ['ar', 'ja'] as const;
export type StrengthLanguage = (typeof STRENGTH_LANGUAGES)[number];

/** The dictionaries a locale adds ("ar", "ja-JP" → "ja"), or null when English alone applies. */
export function strengthLanguageOf(locale: string | null | undefined): StrengthLanguage | null {
  const language = locale?.split('-')[0]?.toLowerCase();
  return STRENGTH_LANGUAGES.find((candidate) => candidate === language) ?? null;
}

/**
 * The Arabic and Japanese packs (3.x) name their lists "firstnames", "wikipedia"…, where the 4.x
 * packs say "firstnames-en": suffixed here, so two packs never overwrite each other's lists. Empty
 * entries (the Arabic pack's whole "wikipedia" list) can never match and are left out.
 */
export function languageWordLists(lists: WordLists, language: StrengthLanguage): WordLists {
  const named: WordLists = {};
  for (const [name, words] of Object.entries(lists)) {
    const kept = words.filter((word) => word !== '');
    if (kept.length > 0) named[`${name}-${language}`] = kept;
  }
  return named;
}

/**
 * How many l33t decodings of a password zxcvbn matches against its dictionaries (its default is
 * 100). Each decoding costs a whole dictionary pass on the event loop: a passphrase with three
 * symbols has a dozen decodings (10 ms), a digit-heavy one a hundred (60 ms). Full decodings come
 * first, so five still catch nearly all l33t: of 1,416 weak l33t spellings of common passwords and
 * names, 35 score 2 instead of 0–1 (those whose doubled letters or many symbols, like `j3nn1f3r`
 * or `m477h3w!`, push the right decoding past the fifth).
 */
const L33T_MAX_SPELLINGS = 5;

/** A ranked word list kept in a form of the caller's choosing (the server's: src/auth/packed-dictionaries.ts). */
export interface RankedWordList {
  /** zxcvbn's rank: the 1-based position of the word's last occurrence in its list. */
  rankOf(word: string): number | undefined;
  maxWordSize: number;
  /** A small list's ranks by word, in an object without a prototype: read directly, no proxy in between. */
  readonly byWord?: Readonly<Record<string, number>>;
}

/**
 * zxcvbn builds an object with a property per word of every list, and reads it only as
 * `rankedDictionary[word]`: a proxy answering from the caller's own form stands in for that object.
 * The options that hold them are private to zxcvbn, hence the cast (test/client/dictionaries.test.ts
 * checks that scores stay the same as with zxcvbn's own objects).
 */
function useRankedWordLists(zxcvbn: ZxcvbnFactory, lists: Record<string, RankedWordList>): void {
  const { options } = zxcvbn as unknown as {
    options: {
      rankedDictionaries: Record<string, object>;
      rankedDictionariesMaxWordSize: Record<string, number>;
    };
  };
  for (const [name, list] of Object.entries(lists)) {
    options.rankedDictionaries[name] =
      list.byWord ??
      new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? list.rankOf(key) : undefined) });
    options.rankedDictionariesMaxWordSize[name] = list.maxWordSize;
  }
}

/**
 * Works in Node and in the browser; the caller decides which dictionaries to load and when, given
 * as zxcvbn's word lists (`options.dictionary`) or as ranked word lists of its own.
 */
export function createStrengthEstimator(
  options: OptionsType,
  rankedWordLists: Record<string, RankedWordList> = {},
  /** Changes to zxcvbn's own matchers that keep its results, for the server's CPU. */
  tune: (zxcvbn: ZxcvbnFactory) => void = () => {},
): StrengthEstimator {
  const zxcvbn = new ZxcvbnFactory({ l33tMaxSubstitutions: L33T_MAX_SPELLINGS, ...options });
  useRankedWordLists(zxcvbn, rankedWordLists);
  tune(zxcvbn);
  return (password, userWords) => zxcvbn.check(password, userWords).score;
}
