// Build step: packs zxcvbn's word lists into the compact files the server's strength thread reads
// (src/auth/packed-dictionaries.ts), so the server never loads the language packs themselves.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as arabic from '@zxcvbn-ts/language-ar';
import * as japanese from '@zxcvbn-ts/language-ja';
import {
  packDictionaries,
  packedDictionaryFile,
  type DictionaryPack,
  type PackedDictionaries,
} from '../src/auth/packed-dictionaries';
import { languageWordLists } from '../src/shared/password-strength';

// The same lists, in the same order, as the browser's src/client/dictionaries.ts.
const packs: Record<DictionaryPack, PackedDictionaries> = {
  en: packDictionaries({ ...common.dictionary, ...english.dictionary }, common.adjacencyGraphs),
  ar: packDictionaries(languageWordLists(arabic.dictionary, 'ar')),
  ja: packDictionaries(languageWordLists(japanese.dictionary, 'ja')),
};

for (const [pack, packed] of Object.entries(packs)) {
  const file = packedDictionaryFile(pack as DictionaryPack);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(packed));
}
