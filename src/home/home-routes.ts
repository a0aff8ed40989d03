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
    if (!user) return res.render('home/welcome', { title: 'Welcome' });
    if (res.locals.can('users:read')) {
      const viewer = { canReadAudit: res.locals.can('audit:read') as boolean };
      const dashboard = await describeStaffDashboard(
        store,
        viewer,
        clock(),
        config.lockout.durationMs,
        req.t,
      );
      return res.render('home/dashboard', { title: 'Home', ...dashboard });
    }
    res.render('home/member', { title: 'Home', ...(await describeMemberHome(store, user, clock(), req.t)) });
  });
  return router;
}
