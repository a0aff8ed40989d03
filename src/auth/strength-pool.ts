import { join } from 'node:path';
import { Piscina } from 'piscina';
import { PROJECT_ROOT } from '../project-root';
import type { EstimateStrength } from './password-policy';

/**
 * Worker threads load JavaScript: the built worker beside this file in dist/, or, when this runs
 * from the TypeScript sources (the tests), the built one, which `npm test` and `npm run build` make.
 */
function workerFile(): string {
  const builtDir = __filename.endsWith('.js') ? __dirname : join(PROJECT_ROOT, 'dist', 'src', 'auth');
  return join(builtDir, 'strength-worker.js');
}

const YOUNG_GENERATION_MB = 4;
/**
 * Not a budget but a size class: V8 grows a heap with a small ceiling less eagerly, which keeps the
 * thread's garbage from piling up to three times its live data (measured: 23 MB of heap at the peak
 * instead of 40, the same CPU a check). The live data does not grow with load (one check at a time,
 * the queue is on the main thread): about 10 MB, and under 16 MB for the worst 256-character
 * passwords, which still score with a 16 MB ceiling (see docs/performance.md).
 */
const OLD_GENERATION_MB = 128;

/**
 * A thread holds about 40 MB while it lives; it starts in about 0.2 s (the dictionaries are packed at
 * build time). Passwords are changed in bursts, so it ends after this long without a check.
 */
const IDLE_MS = 60_000;

/**
 * zxcvbn off the event loop: a score costs about 8 ms of CPU, which on the request thread delays every
 * other request. One thread, so the dictionaries (packed: about 4 MB for common + English, read when
 * the thread starts; Arabic and Japanese the first time a check needs them) exist once. The thread
 * starts at the first score and ends after IDLE_MS without one; it never keeps a process alive.
 */
export function createStrengthPool() {
  let pool: Piscina | null = null;
  const estimateStrength: EstimateStrength = (password, userWords, languages) => {
    pool ??= new Piscina({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: IDLE_MS,
      // zxcvbn makes much short-lived garbage: a small young generation is collected often instead
      // of growing to V8's default (measured: about 20 MB less resident, no visible CPU cost).
      resourceLimits: {
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
        maxOldGenerationSizeMb: OLD_GENERATION_MB,
      },
    });
    return pool.run({ password, userWords, languages });
  };
  return {
    estimateStrength,
    async close() {
      await pool?.destroy();
      pool = null;
    },
  };
}
