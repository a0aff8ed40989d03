import type { RequestHandler } from 'express';
import { currentUser } from '../auth/session-middleware';
import type { SecurityAlert, Store, User } from '../store';
import { SECURITY_ALERT_TEXTS } from './admin-messages';

/** The newest alerts an admin has not dismissed, on the home page. */
export const SECURITY_ALERTS_SHOWN = 20;

export interface SecurityAlertRow {
  id: string;
  what: string;
  target: { id: string; name: string } | null;
  actor: string;
  createdAt: Date;
}

/** Alerts are for the admins: the same accounts their mail goes to (role admin). */
export function seesSecurityAlerts(user: Pick<User, 'roles'> | null): boolean {
  return user?.roles.includes('admin') ?? false;
}

function nameOf(user: User): string {
  return `${user.displayName} (${user.username})`;
}

async function toRows(store: Pick<Store, 'users'>, alerts: SecurityAlert[]): Promise<SecurityAlertRow[]> {
  const ids = new Set(alerts.flatMap((alert) => [alert.targetId, alert.actorId ?? []].flat()));
  const users = new Map<string, User>();
  for (const id of ids) {
    const user = await store.users.findById(id);
    if (user) users.set(id, user);
  }
  return alerts.map((alert) => {
    const target = users.get(alert.targetId);
    const actor = alert.actorId ? users.get(alert.actorId) : undefined;
    return {
      id: alert.id,
      what: SECURITY_ALERT_TEXTS[alert.kind],
      target: target ? { id: target.id, name: nameOf(target) } : null,
      actor: actor ? nameOf(actor) : alert.actorId ? 'a deleted account' : "the account's owner",
      createdAt: alert.createdAt,
    };
  });
}

/** Sets `securityAlerts` (and no-store) for admins on the home page; other visitors cost no query. */
export function loadSecurityAlerts(store: Pick<Store, 'users' | 'securityAlerts'>): RequestHandler {
  return async (_req, res, next) => {
    const user = currentUser(res);
    if (user && seesSecurityAlerts(user)) {
      res.set('Cache-Control', 'no-store');
      const alerts = await store.securityAlerts.listUndismissed(user.id, SECURITY_ALERTS_SHOWN);
      res.locals.securityAlerts = await toRows(store, alerts);
    }
    next();
  };
}
