import { createHash, timingSafeEqual } from 'node:crypto';
import { type RequestHandler, Router } from 'express';
import type { Metrics } from './metrics';

export interface MetricsRouterDeps {
  metrics: Metrics;
  /** METRICS_TOKEN; null turns /metrics off (404). */
  token: string | null;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Counts each answer under its route pattern (never the URL itself, which can hold ids). */
export function countRequests(metrics: Pick<Metrics, 'observeHttp'>): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      metrics.observeHttp(req.method, route, res.statusCode, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  };
}

/** GET /metrics in the Prometheus text format, for a scraper holding METRICS_TOKEN. */
export function createMetricsRouter({ metrics, token }: MetricsRouterDeps): Router {
  const router = Router();
  if (!token) return router;
  const expected = digest(token);
  router.get('/metrics', async (req, res) => {
    const match = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '');
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      res
        .set('WWW-Authenticate', 'Bearer realm="metrics"')
        .status(401)
        .type('text/plain')
        .send('Unauthorized\n');
      return;
    }
    res
      .set('Cache-Control', 'no-store')
      .type(metrics.registry.contentType)
      .send(await metrics.registry.metrics());
  });
  return router;
}
