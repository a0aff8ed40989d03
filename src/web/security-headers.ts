import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';

type HeaderChange = { set: string; value: string | number | readonly string[] } | { remove: string };

/**
 * Helmet's headers depend on nothing in the request (no nonces, no per-request directives), yet its
 * dozen middlewares build and set them one by one on every response: they are recorded once, from
 * one run of Helmet, and replayed.
 */
function recordedOnce(helmetMiddleware: RequestHandler): RequestHandler {
  const changes: HeaderChange[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      changes.push({ set: name, value }),
    removeHeader: (name: string) => changes.push({ remove: name }),
  };
  let failure: unknown = null;
  helmetMiddleware(
    {} as Request,
    recorder as unknown as Response,
    (error?: unknown) => (failure = error ?? null),
  );
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return (_req, res, next) => {
    for (const change of changes) {
      if ('set' in change) res.setHeader(change.set, change.value);
      else res.removeHeader(change.remove);
    }
    next();
  };
}

/**
 * Strict CSP: same-origin scripts and styles only, never inline (so injected markup cannot run),
 * no plugins, no <base> rewriting, forms post only to us, and no framing (clickjacking).
 * `no-referrer` keeps any URL of ours out of other sites' logs.
 */
export function createSecurityHeaders(config: Config): RequestHandler {
  return recordedOnce(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          // Over plain http in development this would break every sub-resource on a LAN address.
          upgradeInsecureRequests: config.production ? [] : null,
        },
      },
      strictTransportSecurity: config.production ? { maxAge: 31536000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
}
