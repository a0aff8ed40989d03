import { Router } from 'express';
import { currentUser } from '../auth/session-middleware';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Store } from '../store';
import { noStore } from '../web/no-store';
import { describeMemberHome } from './member-home';
import { describeStaffDashboard } from './staff-dashboard';

export interface HomeRouterDeps {
  config: Pick<Config, 'lockout'>;
  store: Pick<Store, 'audit' | 'users' | 'outbox' | 'sessions'>;
  clock: Clock;
}

/** `/`: the welcome page for visitors, the dashboard for the help desk and admins, their account for members. */
export function createHomeRouter({ config, store, clock }: HomeRouterDeps): Router {
  const router = Router();
  router.get('/', noStore, async (req, res) => {
    const user = currentUser(res);
    if (!user) return res.render('home/welcome');
    const now = clock();
    if (res.locals.can('users:read')) {
      const viewer = { canReadAudit: res.locals.can('audit:read') as boolean };
      const dashboard = await describeStaffDashboard(
        store,
        viewer,
        now,
        config.lockout.durationMs,
        req.localized,
      );
      return res.render('home/dashboard', dashboard);
    }
    res.render('home/member', { now, ...(await describeMemberHome(store, user, now, req.t)) });
  });
  return router;
}
