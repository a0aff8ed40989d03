import { Router } from 'express';
import type { Store } from '../store';

/** `/healthz`: the process answers. `/readyz`: it can also reach its store (load balancers use this). */
export function createHealthRouter(store: Store): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await store.ping();
      res.json({ status: 'ok' });
    } catch (err) {
      req.log.warn({ err }, 'store ping failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return router;
}
