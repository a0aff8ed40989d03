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
 * zxcvbn off the event loop: a score costs about 9 ms of CPU, which on the request thread delays every
 * other request. One thread, so the dictionaries (about 25 MB once built) exist once, built when the
 * thread starts: at the first score, or at warmUp() (the server's start; a script that never scores
 * never starts it). The thread is
 * unreferenced while idle, so it never keeps a process alive.
 */
export function createStrengthPool() {
  let pool: Piscina | null = null;
  const estimateStrength: EstimateStrength = (password, userWords, languages) => {
    pool ??= new Piscina({
      filename: workerFile(),
      minThreads: 1,
      maxThreads: 1,
      // zxcvbn makes much short-lived garbage: a small young generation is collected often instead
      // of growing to V8's default (measured: about 20 MB less resident, no visible CPU cost).
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    return pool.run({ password, userWords, languages });
  };
  return {
    estimateStrength,
    /** Starts the thread and builds the dictionaries now, so the first real check does not wait for them. */
    async warmUp(): Promise<void> {
      await estimateStrength('resetdesk warm-up', [], []);
    },
    async close() {
      await pool?.destroy();
      pool = null;
    },
  };
}
