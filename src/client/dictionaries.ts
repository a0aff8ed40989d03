/**
 * The heavy part of the meter (~1.5 MB of word lists), split into its own chunk and fetched after
 * first paint. It must match src/auth/server-strength.ts, or the hint and the server disagree
 * (test/client/dictionaries.test.ts compares their scores). Translations are left out: the meter
 * shows only the score, never zxcvbn's feedback text.
 */
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import type { OptionsType } from '@zxcvbn-ts/core';

export const dictionaryOptions: OptionsType = {
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
};
