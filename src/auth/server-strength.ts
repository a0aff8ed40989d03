import {
  createStrengthEstimator,
  type StrengthEstimator,
  type StrengthLanguage,
} from '../shared/password-strength';
import { lookUpCoveringSpansOnly } from './l33t-spans';
import { loadDictionaryPack, type DictionaryPack, type UnpackedDictionaries } from './packed-dictionaries';

/** A score with common + English, plus the dictionaries of the languages given. */
export type LanguageStrengthEstimator = (
  password: string,
  userWords: string[],
  languages?: readonly StrengthLanguage[],
) => ReturnType<StrengthEstimator>;

/**
 * The server always checks common + English, and a language's own dictionaries when it is the page's
 * or the person's: the browser's meter is only a hint. Each pack is read the first time a check needs
 * it, once, and the estimators for each combination of languages share the packs' lists.
 */
export function createServerStrengthEstimator(): LanguageStrengthEstimator {
  const packs = new Map<DictionaryPack, UnpackedDictionaries>();
  const estimators = new Map<string, StrengthEstimator>();

  function pack(name: DictionaryPack): UnpackedDictionaries {
    let unpacked = packs.get(name);
    if (!unpacked) {
      unpacked = loadDictionaryPack(name);
      packs.set(name, unpacked);
    }
    return unpacked;
  }

  function estimatorFor(languages: StrengthLanguage[]): StrengthEstimator {
    const key = languages.join('+');
    let estimate = estimators.get(key);
    if (!estimate) {
      const english = pack('en');
      const lists = Object.assign({}, english.lists, ...languages.map((language) => pack(language).lists));
      const options = english.graphs ? { graphs: english.graphs } : {};
      estimate = createStrengthEstimator(options, lists, lookUpCoveringSpansOnly);
      estimators.set(key, estimate);
    }
    return estimate;
  }

  return (password, userWords, languages = []) =>
    estimatorFor([...new Set(languages)].sort())(password, userWords);
}
