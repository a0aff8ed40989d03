import { Router, type Request, type Response } from 'express';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { hashLinkToken } from '../reset/secrets';
import type { Store } from '../store';
import { requestContext } from '../web/form';
import { noStore } from '../web/no-store';
import { createIpRateLimit } from '../web/rate-limit';
import type { SecureAccount } from './secure-account';
import { SECURE_ACCOUNT_MESSAGES } from './secure-account-messages';

export interface SecureAccountRouterDeps {
  config: Pick<Config, 'rateLimits' | 'helpDeskContact'>;
  store: Pick<Store, 'rateLimits'>;
  clock: Clock;
  secureAccount: SecureAccount;
}

/** "This wasn't me": the confirmation page, the confirmation, and where to turn next. No page names the account. */
export function createSecureAccountRouter(deps: SecureAccountRouterDeps): Router {
  const { config, store, clock, secureAccount } = deps;
  const router = Router();
  const limit = createIpRateLimit(store, clock, {
    prefix: 'secure-account:ip:',
    limit: config.rateLimits.secureAccountPerIp,
    windowMs: config.rateLimits.windowMs,
  });
  const helpDeskOf = (req: Request) => config.helpDeskContact ?? req.t('common:help_desk_default');

  const renderInvalid = (req: Request, res: Response) => {
    delete req.session.secureAccountTokenHash;
    res.status(400).render('secure-account/confirm', {
      banner: req.t(SECURE_ACCOUNT_MESSAGES.link_invalid),
      helpDesk: helpDeskOf(req),
    });
  };

  // A token page: never cached, never in a Referer (the policy header is global).
  router.use('/secure-account', noStore);

  router.get('/secure-account', async (req, res) => {
    const token = req.query.token;
    if (token !== undefined) {
      // Out of the URL into the session, as /reset does. GET never consumes: mail scanners prefetch links.
      if (typeof token === 'string' && token.length <= 200) {
        req.session.secureAccountTokenHash = hashLinkToken(token);
      } else delete req.session.secureAccountTokenHash;
      return res.redirect(303, '/secure-account');
    }
    if (!(await secureAccount.isUsable(req.session.secureAccountTokenHash ?? null))) {
      return renderInvalid(req, res);
    }
    res.render('secure-account/confirm', { helpDesk: helpDeskOf(req) });
  });

  router.post('/secure-account', limit, async (req, res) => {
    const tokenHash = req.session.secureAccountTokenHash ?? null;
    const result = await secureAccount.secureAccount(tokenHash, requestContext(req));
    if (!result.ok) return renderInvalid(req, res);
    // A fresh, signed-out session: securing never signs anyone in, and nothing of the old one survives.
    await new Promise<void>((resolve, reject) =>
      req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())),
    );
    res.render('secure-account/secured', { helpDesk: helpDeskOf(req) });
  });

  return router;
}
