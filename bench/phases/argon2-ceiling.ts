import type { PasswordHasher } from '../../src/auth/password-hashing';
import { info, round, type Figure } from '../figures';
import { runWorkers, successRate } from '../workers';

const MAX_HASHES = 100_000;

/**
 * The physical limit of sign-in and reset: argon2id hashes per second in a process of its own,
 * with the server's libuv pool size and its bound of one argon2 call per core at a time.
 */
export async function measureArgon2Ceiling(
  hasher: PasswordHasher,
  budgetMs: number,
  concurrency: number,
): Promise<{ ceiling: number; figures: Figure[] }> {
  const poolSize = process.env.UV_THREADPOOL_SIZE;
  // Warm-up: the first hashes pay for thread start and page faults.
  await Promise.all(Array.from({ length: concurrency }, () => hasher.hash('resetdesk-bench-warm-up')));
  const items = Array.from({ length: MAX_HASHES }, (_, i) => `resetdesk-bench-${i}`);
  const run = await runWorkers(items, concurrency, budgetMs, async (password) => {
    await hasher.hash(password);
    return true;
  });
  const ceiling = successRate(run, budgetMs);
  const detail = `${run.successes.length} hashes, ${concurrency} in flight, thread pool ${poolSize}`;
  return {
    ceiling,
    figures: [info('argon2.ceiling', 'argon2id ceiling', round(ceiling), 'hashes/s', detail)],
  };
}
