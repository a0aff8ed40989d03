import type { PasswordHasher } from '../auth/password-hashing';
import type { Metrics } from './metrics';

async function timed<T>(work: () => Promise<T>, record: (seconds: number) => void): Promise<T> {
  const start = process.hrtime.bigint();
  try {
    return await work();
  } finally {
    record(Number(process.hrtime.bigint() - start) / 1e9);
  }
}

/** The same hasher, with each argon2 call's duration in the histogram. */
export function timeHasher(hasher: PasswordHasher, metrics: Pick<Metrics, 'observeArgon2'>): PasswordHasher {
  return {
    hash: (password) =>
      timed(
        () => hasher.hash(password),
        (s) => metrics.observeArgon2('hash', s),
      ),
    verify: (hash, password) =>
      timed(
        () => hasher.verify(hash, password),
        (s) => metrics.observeArgon2('verify', s),
      ),
    needsRehash: (hash) => hasher.needsRehash(hash),
  };
}
