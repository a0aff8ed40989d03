import { Router } from 'express';
import { AUTH_MESSAGES } from '../auth/auth-messages';
import { currentUser, requireSignIn } from '../auth/session-middleware';
import type { Clock } from '../clock';
import type { Store } from '../store';
import { HttpError } from '../web/errors';
import { noStore } from '../web/no-store';
import { seesSecurityAlerts } from './security-alerts-panel';

export interface AlertRouterDeps {
  store: Pick<Store, 'securityAlerts'>;
  clock: Clock;
}

/** Dismissing a security alert hides it for this admin only; the others still see it. */
export function createAlertRouter({ store, clock }: AlertRouterDeps): Router {
  const router = Router();
  router.post('/admin/alerts/:id/dismiss', noStore, requireSignIn, async (req, res) => {
    const admin = currentUser(res)!;
    if (!seesSecurityAlerts(admin)) throw new HttpError(403, req.t(AUTH_MESSAGES.no_permission));
    const dismissed = await store.securityAlerts.dismiss(req.params.id as string, admin.id, clock());
    if (!dismissed) throw new HttpError(404, req.t('alerts:not_found'));
    res.redirect(303, '/');
  });
  return router;
}
