import type { Clock } from '../clock';
import { SealError } from '../outbox/text-sealer';
import { createPollingLoop, type PollingLoop, type RoundResult } from '../polling-loop';
import type { ResetIntent, ResetIntentRepository } from '../store';
import type { Logger } from '../web/logger';
import type { ResolveResetIntent } from './resolve-reset-intent';

export interface ResetIntentWorkerDeps {
  intents: ResetIntentRepository;
  resolve: ResolveResetIntent;
  clock: Clock;
  logger: Logger;
  /** How often to look for intents other processes stored (their rings are not heard here). */
  pollMs: number;
  /** Intents claimed per round; small, so a backlog never holds the event loop for long. */
  batchSize?: number;
  /** How long a claim holds an intent: far longer than resolving one takes. */
  leaseMs?: number;
}

/** After this many claims an intent that keeps failing is dropped (and logged), not retried forever. */
const MAX_ATTEMPTS = 5;

/**
 * Resolves the intents /forgot stores, in every app process. A claim leases an intent to one
 * worker; it is deleted once resolved. A worker that dies in between leaves the lease to run out,
 * and another worker resolves the intent again (at most one extra mail, never a lost request).
 */
export function createResetIntentWorker(deps: ResetIntentWorkerDeps): PollingLoop {
  const { intents, resolve, clock, logger } = deps;
  const batchSize = deps.batchSize ?? 20;
  const leaseMs = deps.leaseMs ?? 60_000;

  async function handle(intent: ResetIntent): Promise<boolean> {
    try {
      await resolve(intent);
    } catch (err) {
      // No retry can open an intent sealed under another key; anything else is retried after the lease.
      const hopeless = err instanceof SealError || intent.attempts >= MAX_ATTEMPTS;
      logger.error(
        { err, intentId: intent.id, attempts: intent.attempts },
        hopeless ? 'reset intent dropped: it cannot be resolved' : 'reset intent failed; will retry',
      );
      if (hopeless) await intents.remove(intent.id);
      return false;
    }
    await intents.remove(intent.id);
    return true;
  }

  async function runRound(): Promise<RoundResult> {
    const claimed = await intents.claim(clock(), batchSize, leaseMs);
    const results = await Promise.allSettled(claimed.map(handle));
    for (const [index, result] of results.entries()) {
      if (result.status === 'rejected') {
        logger.error({ err: result.reason, intentId: claimed[index]?.id }, 'reset intent bookkeeping failed');
      }
    }
    const resolved = results.filter((result) => result.status === 'fulfilled' && result.value).length;
    return { handled: claimed.length, done: resolved };
  }

  return createPollingLoop({
    pollMs: deps.pollMs,
    runRound,
    onError: (err) => logger.error({ err }, 'reset intent poll failed'),
  });
}
