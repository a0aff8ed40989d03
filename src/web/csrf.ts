import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors';
import { stringField } from './form';
import { randomToken } from './random-tokens';
import { saveSessionBeforeEnd } from './save-session-before-end';

const REQUEST = Symbol('request');
const TOKEN_BYTES = 32;

/**
 * Synchroniser tokens (csrf-sync) in the server-side session; every form posts `_csrf`.
 * The token is made lazily, when a page actually renders it, so health checks and assets never start sessions.
 */
export function createCsrfProtection(): RequestHandler {
  const { csrfSynchronisedProtection, getTokenFromState, storeTokenInState } = csrfSync({
    getTokenFromRequest: (req) => stringField(req.body, '_csrf', 512) ?? undefined,
    // 256 random bits (csrf-sync's default is 1,024): as unguessable, and cheaper on every first visit.
    size: TOKEN_BYTES,
  });
  // One getter for every response: a closure per response gave each one's locals a new hidden class.
  function csrfToken(this: { [REQUEST]: Request }): string {
    const req = this[REQUEST];
    const stored = getTokenFromState(req);
    if (typeof stored === 'string') return stored;
    // csrf-sync would call into the CSPRNG for this token alone; the pool is as random.
    const token = randomToken(TOKEN_BYTES, 'hex');
    storeTokenInState(req, token);
    // Most often a first visit's new session, which must be stored before the form can post.
    saveSessionBeforeEnd(req, req.res!);
    return token;
  }
  return (req, res, next) => {
    Object.defineProperty(res.locals, REQUEST, { value: req });
    Object.defineProperty(res.locals, 'csrfToken', { get: csrfToken, enumerable: true });
    csrfSynchronisedProtection(req, res, (error?: unknown) =>
      next(error ? new HttpError(403, req.t('common:errors.csrf'), 'csrf_invalid') : undefined),
    );
  };
}
