/**
 * The heavy part of the meter (~1.5 MB of word lists), split into its own chunk and fetched after
 * first paint; an Arabic or Japanese page also fetches that language's lists, each in a chunk of its
 * own. It must match the server's packs (scripts/build-strength-dictionaries.ts), or the hint and the
 * server disagree (test/client/dictionaries.test.ts compares their scores). Translations are left
 * out: the meter shows only the score, never zxcvbn's feedback text.
 */
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import type { OptionsType } from '@zxcvbn-ts/core';
import { strengthLanguageOf, type StrengthLanguage, type WordLists } from '../shared/password-strength';

async function ownWordLists(language: StrengthLanguage): Promise<WordLists> {
  switch (language) {
    case 'ar':
      return (await import('./dictionaries-ar.js')).wordLists;
    case 'ja':
      return (await import('./dictionaries-ja.js')).wordLists;
  }
}

/** Common + English, and the lists of the page's language (`<html lang>`) where it has its own. */
export async function dictionaryOptions(pageLanguage: string): Promise<OptionsType> {
  const language = strengthLanguageOf(pageLanguage);
  const own = language ? await ownWordLists(language) : {};
  return {
    dictionary: { ...common.dictionary, ...english.dictionary, ...own },
    graphs: common.adjacencyGraphs,
  };
}
