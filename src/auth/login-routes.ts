import { Router, type Request } from 'express';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Store, User } from '../store';
import { stringField, requestContext } from '../web/form';
import { createIpRateLimit } from '../web/rate-limit';
import type { SignIn } from './sign-in';
import { AUTH_MESSAGES } from './auth-messages';

/** A fresh session id at sign-in (no fixation), stamped with what revocation and the sessions page need. */
function startSession(req: Request, user: User, now: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error: unknown) => {
      if (error) return reject(error);
      const context = requestContext(req);
      Object.assign(req.session, {
        userId: user.id,
        sessionVersion: user.sessionVersion,
        signedInAt: now.getTime(),
        signedInWithTemporaryPassword: user.mustChangePassword,
        ip: context.ip,
        userAgent: context.userAgent,
      });
      req.session.save((saveError: unknown) => (saveError ? reject(saveError) : resolve()));
    });
  });
}

export interface LoginRouterDeps {
  config: Pick<Config, 'rateLimits'>;
  store: Pick<Store, 'rateLimits'>;
  clock: Clock;
  signIn: SignIn;
}

export function createLoginRouter({ config, store, clock, signIn }: LoginRouterDeps): Router {
  const router = Router();
  const limit = createIpRateLimit(store, clock, {
    prefix: 'login:ip:',
    limit: config.rateLimits.loginPerIp,
    windowMs: config.rateLimits.windowMs,
  });

  router.get('/login', (_req, res) => {
    res.render('auth/login', { values: { username: '' } });
  });

  router.post('/login', limit, async (req, res) => {
    const username = stringField(req.body, 'username', 320);
    const password = stringField(req.body, 'password', 4096);
    if (!username || !password) {
      res.locals.flash = [{ type: 'error', message: req.t(AUTH_MESSAGES.missing_credentials) }];
      return res.status(400).render('auth/login', { values: { username: username ?? '' } });
    }
    const result = await signIn(username, password, requestContext(req));
    if (!result.ok) {
      res.locals.flash = [{ type: 'error', message: req.t(AUTH_MESSAGES[result.error]) }];
      return res.status(401).render('auth/login', { values: { username } });
    }
    await startSession(req, result.user, clock());
    res.redirect(303, result.user.mustChangePassword ? '/account/password' : '/');
  });

  router.post('/logout', (req, res, next) => {
    req.session.destroy((error: unknown) => {
      if (error) return next(error);
      res.redirect(303, '/login');
    });
  });

  return router;
}
