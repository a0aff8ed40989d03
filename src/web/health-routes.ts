import { Router } from 'express';
import type { OutboxBacklog, Store } from '../store';

/**
 * Whether delivery is failing, and since when, without counts: this probe is public, and a count
 * that grows by one when /forgot names a real account (during an outage) would tell accounts apart.
 */
function describeBacklog(backlog: OutboxBacklog) {
  return {
    failing: backlog.retrying > 0,
    failingSince: backlog.oldestRetryingSince?.toISOString() ?? null,
  };
}

/**
 * `/healthz`: the process answers. `/readyz`: it can also reach its store (load balancers use this);
 * a mail outage is reported in the body but keeps it ready, since the outbox retries what waits.
 */
export interface HealthRouterDeps {
  store: Pick<Store, 'ping' | 'outbox'>;
  /** The breach corpus's state, fit for this public probe (no path or URL). */
  breachedPasswords: () => Record<string, string>;
}

export function createHealthRouter({ store, breachedPasswords }: HealthRouterDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await store.ping();
      res.json({
        status: 'ok',
        outbox: describeBacklog(await store.outbox.backlog()),
        breachedPasswords: breachedPasswords(),
      });
    } catch (err) {
      req.log.warn({ err }, 'store ping failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return router;
}
