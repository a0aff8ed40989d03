/*
 * Runs in the strength pool's worker thread (see strength-pool.ts): the dictionaries are read here,
 * each language's the first time a check needs it, and every score is computed here, off the event
 * loop that answers requests.
 */
import type { StrengthLanguage } from '../shared/password-strength';
import { createServerStrengthEstimator } from './server-strength';

const estimate = createServerStrengthEstimator();

export default function score({
  password,
  userWords,
  languages,
}: {
  password: string;
  userWords: string[];
  languages: StrengthLanguage[];
}): number {
  return estimate(password, userWords, languages);
}
