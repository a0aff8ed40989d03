import type { Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Store, User } from '../store';
import { HttpError } from '../web/errors';
import { randomToken } from '../web/random-tokens';
import { AUTH_MESSAGES } from './auth-messages';
import { isAccountEligible } from './eligibility';
import { hasPermission, type Permission } from './permissions';
import { PortSessionStore } from './session-store';

export const SESSION_COOKIE = 'resetdesk.sid';

export function createSessionHandler(config: Config, store: Store, clock: Clock): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store: new PortSessionStore(store.sessions, clock, config.session.idleMs),
    genid: () => randomToken(32, 'base64url'),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.production, maxAge: config.session.idleMs },
  });
}

export function currentUser(res: Response): User | null {
  return (res.locals.currentUser as User | null | undefined) ?? null;
}

function isSessionValid(req: Request, user: User | null, now: Date, absoluteMs: number): user is User {
  return (
    user !== null &&
    user.sessionVersion === req.session.sessionVersion &&
    isAccountEligible(user) &&
    now.getTime() - (req.session.signedInAt ?? 0) < absoluteMs
  );
}

/** Every request re-reads the user: a bumped session version, a suspension or the absolute lifetime ends the session at once. */
export function createUserLoader(config: Config, store: Store, clock: Clock): RequestHandler {
  return async (req, res, next) => {
    const userId = req.session.userId;
    if (!userId) return next();
    const user = await store.users.findById(userId);
    if (isSessionValid(req, user, clock(), config.session.absoluteMs)) {
      res.locals.currentUser = user;
      res.locals.can = (permission: Permission) => hasPermission(user, permission);
      return next();
    }
    req.session.destroy((error: unknown) => next(error));
  };
}

const ALLOWED_DURING_FORCED_CHANGE = new Set(['/account/password', '/logout']);

/** A user holding a temporary password may do nothing but replace it (or sign out). */
export const requirePasswordChangeFirst: RequestHandler = (req, res, next) => {
  const user = currentUser(res);
  if (user?.mustChangePassword && !ALLOWED_DURING_FORCED_CHANGE.has(req.path)) {
    return res.redirect(303, '/account/password');
  }
  next();
};

export const requireSignIn: RequestHandler = (_req, res, next) => {
  if (!currentUser(res)) return res.redirect(303, '/login');
  next();
};

/** Signed-out visitors go to sign-in; signed-in users without the permission get the 403 page. */
export function requirePermission(permission: Permission): RequestHandler {
  return (req, res, next) => {
    const user = currentUser(res);
    if (!user) return res.redirect(303, '/login');
    if (!hasPermission(user, permission)) {
      return next(new HttpError(403, req.t(AUTH_MESSAGES.no_permission)));
    }
    next();
  };
}
