/** The word lists of Arabic pages, in a chunk of their own that only such a page fetches (see dictionaries.ts). */
import { dictionary } from '@zxcvbn-ts/language-ar';
import { languageWordLists } from '../shared/password-strength';

export const wordLists = languageWordLists(dictionary, 'ar');
