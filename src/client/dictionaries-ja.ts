/** The word lists of Japanese pages, in a chunk of their own that only such a page fetches (see dictionaries.ts). */
import { dictionary } from '@zxcvbn-ts/language-ja';
import { languageWordLists } from '../shared/password-strength';

export const wordLists = languageWordLists(dictionary, 'ja');
