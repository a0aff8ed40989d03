import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { createStrengthEstimator, type StrengthEstimator } from '../shared/password-strength';

/** The server always uses the full common + English dictionaries: the browser's meter is only a hint. */
export function createServerStrengthEstimator(): StrengthEstimator {
  return createStrengthEstimator({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
}
