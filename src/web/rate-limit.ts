import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import { PortRateLimitStore } from './rate-limit-store';
import type { Clock } from '../clock';
import type { Store } from '../store';
import { HttpError } from './errors';

export interface RateLimitRule {
  /** Counter namespace in the store, e.g. "login:ip:". */
  prefix: string;
  limit: number;
  windowMs: number;
}

/** Per-IP limit counted in the shared store; over the limit the visitor gets the 429 page. */
export function createIpRateLimit(
  store: Pick<Store, 'rateLimits'>,
  clock: Clock,
  rule: RateLimitRule,
): RequestHandler {
  return rateLimit({
    windowMs: rule.windowMs,
    limit: rule.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new PortRateLimitStore(store.rateLimits, clock, rule.prefix),
    handler: (req, _res, next) => {
      const minutes = Math.ceil(rule.windowMs / 60_000);
      next(new HttpError(429, req.t('common:errors.rate_limited', { minutes })));
    },
  });
}
