import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import getCleanPasswords from '@zxcvbn-ts/core/dist/matcher/dictionary/variants/matching/unmunger/getCleanPasswords.cjs';

type PasswordWithSubs = ReturnType<typeof getCleanPasswords>[number];
type TrieRoot = Parameters<typeof getCleanPasswords>[2];

interface SpanMatch {
  pattern: 'dictionary';
  i: number;
  j: number;
  token: string;
  matchedWord: string;
  rank: number;
  dictionaryName: string;
  reversed: boolean;
  l33t: boolean;
}

type L33tMatch = Omit<SpanMatch, 'i' | 'j'> & ReturnType<typeof unsubstituted>;

interface MatchOptions {
  password: string;
  userInputsOptions?: unknown;
}

/** What zxcvbn's l33t matchers hold (private in its types). */
interface L33tMatcher {
  options: { l33tMaxSubstitutions: number; trieNodeRoot: TrieRoot; useLevenshteinDistance: boolean };
  getRangedDictionaries(userInputsOptions: unknown): {
    rankedDictionaries: Record<string, Record<string, number | undefined>>;
    rankedDictionariesMaxWordSize: Record<string, number>;
  };
  match(options: MatchOptions): L33tMatch[];
}

/**
 * zxcvbn's dictionary lookup of one decoding (its MatchDictionary, Levenshtein aside), for the substrings
 * that cover a substitution and the whole password only, in zxcvbn's order.
 */
function matchCoveringSpans(matcher: L33tMatcher, decoded: PasswordWithSubs, options: MatchOptions) {
  const { password, changes } = decoded;
  const lower = password.toLowerCase();
  const { rankedDictionaries, rankedDictionariesMaxWordSize } = matcher.getRangedDictionaries(
    options.userInputsOptions,
  );
  const names = Object.keys(rankedDictionaries);
  const widest = Math.max(0, ...Object.values(rankedDictionariesMaxWordSize));
  const covers = (i: number, j: number) =>
    changes.some((change) => change.i <= j && change.i + change.letter.length - 1 >= i);
  const matches: SpanMatch[] = [];
  for (let i = 0; i < password.length; i += 1) {
    for (let j = i; j < password.length; j += 1) {
      const whole = i === 0 && j === password.length - 1;
      if (j - i + 1 > widest && !whole) break;
      if (!whole && !covers(i, j)) continue;
      const word = lower.slice(i, j + 1);
      for (const name of names) {
        if (j - i + 1 > rankedDictionariesMaxWordSize[name]! && !whole) continue;
        const rank = rankedDictionaries[name]![word];
        if (rank === undefined) continue;
        const token = password.slice(i, j + 1);
        matches.push({
          pattern: 'dictionary',
          i,
          j,
          token,
          matchedWord: word,
          rank,
          dictionaryName: name,
          reversed: false,
          l33t: false,
        });
      }
    }
  }
  return matches;
}

/** zxcvbn's getExtras: where a decoded substring lies in the typed password, and its substitutions. */
function unsubstituted(decoded: PasswordWithSubs, i: number, j: number) {
  let start = i;
  let end = j;
  const subs: { letter: string; substitution: string }[] = [];
  const shown: string[] = [];
  const seen = new Set<string>();
  for (const change of decoded.changes) {
    const grows = change.substitution.length - change.letter.length;
    if (change.i < i) {
      start += grows;
      end += grows;
    } else if (change.i <= j) {
      end += grows;
      const key = `${change.letter}-${change.substitution}`;
      if (!seen.has(key)) {
        seen.add(key);
        subs.push({ letter: change.letter, substitution: change.substitution });
        shown.push(`${change.substitution} -> ${change.letter}`);
      }
    }
  }
  return { i: start, j: end, subs, subDisplay: shown.join(', ') };
}

/** zxcvbn's MatchL33t.match, its dictionary pass limited to the substrings that cover a substitution. */
function coveringL33tMatch(matcher: L33tMatcher, stock: L33tMatcher['match']): L33tMatcher['match'] {
  return (options) => {
    if (matcher.options.useLevenshteinDistance) return stock.call(matcher, options);
    const matches: L33tMatch[] = [];
    let hasFullMatch = false;
    const decodings = getCleanPasswords(
      options.password,
      matcher.options.l33tMaxSubstitutions,
      matcher.options.trieNodeRoot,
    );
    for (const decoded of decodings) {
      if (hasFullMatch) break;
      for (const match of matchCoveringSpans(matcher, decoded, options)) {
        const extras = unsubstituted(decoded, match.i, match.j);
        hasFullMatch ||= extras.i === 0 && extras.j === options.password.length - 1;
        const token = options.password.slice(extras.i, extras.j + 1);
        const found: L33tMatch = { ...match, l33t: true, token, ...extras };
        const included = matches.some(
          (other) =>
            other.i === found.i &&
            other.j === found.j &&
            other.dictionaryName === found.dictionaryName &&
            other.matchedWord === found.matchedWord,
        );
        if (token.toLowerCase() !== match.matchedWord && !included) matches.push(found);
      }
    }
    return matches.filter((match) => match.token.length > 1);
  };
}

/**
 * zxcvbn's l33t matchers decode a password up to five ways and look every substring of each decoding
 * up in every list, then keep only the matches that contain a substitution: a substring covering none
 * reads as in the password itself, and all its lookups are thrown away (about 40 % of a check). Here
 * both l33t matchers (the dictionaries' and the word sequences') look up only the substrings that cover
 * a substitution, and the whole password, whose match ends the decodings; otherwise they do what
 * zxcvbn's do, in the same order (test/unit/auth/l33t-spans.test.ts compares both over a corpus).
 */
export function lookUpCoveringSpansOnly(zxcvbn: ZxcvbnFactory): void {
  const { matchers } = (zxcvbn as unknown as { matching: { matchers: Record<string, unknown> } }).matching;
  const wordSequence = matchers.wordSequence as { dictionaryL33t: L33tMatcher };
  for (const matcher of [matchers.dictionaryL33t as L33tMatcher, wordSequence.dictionaryL33t]) {
    matcher.match = coveringL33tMatch(matcher, matcher.match.bind(matcher));
  }
}
