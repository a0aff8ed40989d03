import type { RequestContext } from '../request-context';
import { normalizeUsername } from '../shared/username';
import type { Clock } from '../clock';
import type { TextSealer } from '../outbox/text-sealer';
import type { Store } from '../store';
import type { WakeSignal } from '../wake-signal';

export interface RequestResetDeps {
  store: Pick<Store, 'resetIntents'>;
  sealer: TextSealer;
  clock: Clock;
  /** Rung after each write, so this process's worker resolves the intent at once. */
  intentAdded: WakeSignal;
}

/**
 * Self-service request, the same on every path by construction: it seals the normalised username
 * and stores it with the request context as one reset intent, and nothing else. Whether the name
 * exists, may reset or has asked too often is decided later, off the request path, by
 * resolveResetIntent; the answer cannot depend on it.
 */
export function createRequestReset(deps: RequestResetDeps) {
  return async function requestReset(username: string, context: RequestContext): Promise<void> {
    const sealedUsername = deps.sealer.seal(normalizeUsername(username));
    await deps.store.resetIntents.add(
      { sealedUsername, ip: context.ip, userAgent: context.userAgent },
      deps.clock(),
    );
    deps.intentAdded.ring();
  };
}

export type RequestReset = ReturnType<typeof createRequestReset>;
