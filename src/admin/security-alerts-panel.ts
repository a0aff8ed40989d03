import type { RequestHandler } from 'express';
import { SECURITY_ALERT_MESSAGES } from '../audit/security-alert-messages';
import { currentUser } from '../auth/session-middleware';
import type { Translate } from '../i18n/localization';
import type { SecurityAlert, Store, User } from '../store';

/** The newest alerts an admin has not dismissed, on the home page. */
export const SECURITY_ALERTS_SHOWN = 20;

/** A person named on the panel: shown as "Display Name (username)". */
export interface AlertPerson {
  displayName: string;
  username: string;
}

export interface SecurityAlertRow {
  id: string;
  what: string;
  target: ({ id: string } & AlertPerson) | null;
  /** Null when the actor is gone or was nobody: `actorText` says which. */
  actor: AlertPerson | null;
  actorText: string;
  createdAt: Date;
}

/** Alerts are for the admins: the same accounts their mail goes to (role admin). */
export function seesSecurityAlerts(user: Pick<User, 'roles'> | null): boolean {
  return user?.roles.includes('admin') ?? false;
}

const personOf = ({ displayName, username }: User): AlertPerson => ({ displayName, username });

async function toRows(
  store: Pick<Store, 'users'>,
  alerts: SecurityAlert[],
  t: Translate,
): Promise<SecurityAlertRow[]> {
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
      what: t(SECURITY_ALERT_MESSAGES[alert.kind]),
      target: target ? { id: target.id, ...personOf(target) } : null,
      actor: actor ? personOf(actor) : null,
      actorText: t(alert.actorId ? 'alerts:actor.deleted' : 'alerts:actor.owner'),
      createdAt: alert.createdAt,
    };
  });
}

/** Sets `securityAlerts` (and no-store) for admins on the home page; other visitors cost no query. */
export function loadSecurityAlerts(store: Pick<Store, 'users' | 'securityAlerts'>): RequestHandler {
  return async (req, res, next) => {
    const user = currentUser(res);
    if (user && seesSecurityAlerts(user)) {
      res.set('Cache-Control', 'no-store');
      const alerts = await store.securityAlerts.listUndismissed(user.id, SECURITY_ALERTS_SHOWN);
      res.locals.securityAlerts = await toRows(store, alerts, req.t);
    }
    next();
  };
}
