import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OptionsGraph } from '@zxcvbn-ts/core';
import { PROJECT_ROOT } from '../project-root';
import type { RankedWordList, StrengthLanguage, WordLists } from '../shared/password-strength';

/** Common + English (always checked), or a language's own lists. */
export type DictionaryPack = 'en' | StrengthLanguage;

/**
 * One ranked list as the build writes it: its distinct words sorted and joined by newlines, and
 * each one's zxcvbn rank in the same order.
 */
interface PackedList {
  words: string;
  ranks: number[];
}

/** A pack's lists in zxcvbn's order (the order decides ties), and, in the English pack, the keyboard graphs. */
export interface PackedDictionaries {
  lists: Record<string, PackedList>;
  graphs?: OptionsGraph;
}

/**
 * zxcvbn's ranks: the 1-based position of each word's last occurrence, as zxcvbn's own
 * buildRankedDictionary keeps it when a list repeats a word.
 */
function packList(words: string[]): PackedList {
  const ranks = new Map<string, number>();
  words.forEach((word, index) => ranks.set(word, index + 1));
  const sorted = [...ranks.keys()].sort();
  return { words: sorted.join('\n'), ranks: sorted.map((word) => ranks.get(word)!) };
}

/** Build time (scripts/build-strength-dictionaries.ts): the language packs' lists, packed. */
export function packDictionaries(lists: WordLists, graphs?: OptionsGraph): PackedDictionaries {
  const packed: Record<string, PackedList> = {};
  for (const [name, words] of Object.entries(lists)) packed[name] = packList(words);
  return graphs ? { lists: packed, graphs } : { lists: packed };
}

/**
 * zxcvbn looks every substring of a password up in every list, and a lookup through a proxy costs
 * more than one in a plain object: lists this small (the word-sequence lists: numbers, months,
 * planets…) are also kept as plain objects, a few kilobytes in all (a check about 8 % faster).
 */
const SMALL_LIST_WORDS = 100;

/**
 * A packed list, searched in place: one string of sorted words, where each starts, and their ranks.
 * About a fifth of the memory of zxcvbn's object with a property per word, and, after the build,
 * nothing to parse but one JSON file.
 */
class SortedWordList implements RankedWordList {
  readonly maxWordSize: number;
  readonly byWord?: Readonly<Record<string, number>>;
  private readonly starts: Uint32Array;
  /** The last prefix found that no word of this list starts with. */
  private deadPrefix: string | null = null;

  constructor(
    private readonly words: string,
    private readonly ranks: Uint32Array,
  ) {
    // starts[i] is where word i begins; starts[count] is one past the end, as if after a last newline.
    this.starts = new Uint32Array(ranks.length + 1);
    let maxWordSize = 0;
    let start = 0;
    for (let index = 0; index < ranks.length; index += 1) {
      this.starts[index] = start;
      const end = index === ranks.length - 1 ? words.length : words.indexOf('\n', start);
      maxWordSize = Math.max(maxWordSize, end - start);
      start = end + 1;
    }
    this.starts[ranks.length] = start;
    this.maxWordSize = maxWordSize;
    if (ranks.length <= SMALL_LIST_WORDS) this.byWord = this.wordRanks();
  }

  private wordRanks(): Record<string, number> {
    const byWord = Object.create(null) as Record<string, number>;
    for (let index = 0; index < this.ranks.length; index += 1)
      byWord[this.words.slice(this.starts[index], this.starts[index + 1]! - 1)] = this.ranks[index]!;
    return byWord;
  }

  /**
   * Binary search in UTF-16 code unit order, the order the build sorted in. zxcvbn asks for every
   * substring of a password, each start growing one character at a time ("c", "co", "cop"…), so a
   * start whose prefix no word has is known dead after a few characters and its longer substrings
   * are answered without a search.
   */
  rankOf(word: string): number | undefined {
    if (this.deadPrefix !== null && word.startsWith(this.deadPrefix)) return undefined;
    let low = 0;
    let high = this.ranks.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const start = this.starts[middle]!;
      const length = this.starts[middle + 1]! - 1 - start;
      const common = Math.min(length, word.length);
      let order = 0;
      for (let offset = 0; offset < common && order === 0; offset += 1)
        order = this.words.charCodeAt(start + offset) - word.charCodeAt(offset);
      if (order === 0) order = length - word.length;
      if (order === 0) return this.ranks[middle];
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    // The words that start with `word` would sort from `low` on; when the one there does not, none does.
    if (!this.startsWith(low, word)) this.deadPrefix = word;
    return undefined;
  }

  private startsWith(index: number, prefix: string): boolean {
    if (index >= this.ranks.length) return false;
    const start = this.starts[index]!;
    const length = this.starts[index + 1]! - 1 - start;
    return length >= prefix.length && this.words.startsWith(prefix, start);
  }
}

export interface UnpackedDictionaries {
  lists: Record<string, RankedWordList>;
  graphs: OptionsGraph | undefined;
}

export function unpackDictionaries(packed: PackedDictionaries): UnpackedDictionaries {
  const lists: Record<string, RankedWordList> = {};
  for (const [name, { words, ranks }] of Object.entries(packed.lists))
    lists[name] = new SortedWordList(words, Uint32Array.from(ranks));
  return { lists, graphs: packed.graphs };
}

const PACKED_DIR = join(PROJECT_ROOT, 'dist', 'strength-dictionaries');

export function packedDictionaryFile(pack: DictionaryPack): string {
  return join(PACKED_DIR, `${pack}.json`);
}

/** Reads a pack the build wrote (`npm run build`, which `npm test` runs first). */
export function loadDictionaryPack(pack: DictionaryPack): UnpackedDictionaries {
  const file = packedDictionaryFile(pack);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`The password dictionaries are not built (${file}); run \`npm run build\`.`, {
      cause: error,
    });
  }
  return unpackDictionaries(JSON.parse(text) as PackedDictionaries);
}
