/*
 * Runs in the strength pool's worker thread (see strength-pool.ts): the dictionaries are built here,
 * once, and every score is computed here, off the event loop that answers requests.
 */
import { createServerStrengthEstimator } from './server-strength';

const estimate = createServerStrengthEstimator();

export default function score({ password, userWords }: { password: string; userWords: string[] }): number {
  return estimate(password, userWords);
}
