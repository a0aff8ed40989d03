import { csrfSync } from 'csrf-sync';
import type { RequestHandler } from 'express';
import { HttpError } from './errors';
import { stringField } from './form';

const CSRF_MESSAGE = 'This form has expired or was sent from another site. Reload the page and try again.';

/**
 * Synchroniser tokens (csrf-sync) in the server-side session; every form posts `_csrf`.
 * The token is made lazily, when a page actually renders it, so health checks and assets never start sessions.
 */
export function createCsrfProtection(): RequestHandler {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => stringField(req.body, '_csrf', 512) ?? undefined,
  });
  return (req, res, next) => {
    Object.defineProperty(res.locals, 'csrfToken', { get: () => generateToken(req), enumerable: true });
    csrfSynchronisedProtection(req, res, (error?: unknown) =>
      next(error ? new HttpError(403, CSRF_MESSAGE, 'csrf_invalid') : undefined),
    );
  };
}
