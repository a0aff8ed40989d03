import type { RequestHandler } from 'express';
import type { RecordAudit } from '../audit/audit-log';
import { holdsPermissionsOf } from '../auth/permissions';
import { currentUser } from '../auth/session-middleware';
import type { Store } from '../store';
import { HttpError } from '../web/errors';
import { requestContext } from '../web/form';
import type { AdminAction } from './admin-menu';
import { ADMIN_MESSAGES, ADMIN_REFUSALS } from './admin-messages';
import { findUserOr404 } from './find-user';

export type TargetAction = AdminAction | 'edit' | 'verify';

const REFUSALS: Record<'reset' | 'edit', string> = {
  reset: ADMIN_REFUSALS.more_privileges,
  edit: ADMIN_MESSAGES.edit_more_privileges,
};

/**
 * Loads the account an admin URL names into `res.locals.target`, refusing with 403 (audited, nothing
 * changed) an actor who lacks a permission that account holds. Every page that acts on a user goes
 * through here, the confirmation pages included, so a forged POST meets the same wall as the menu.
 */
export function loadTargetWithinPrivileges(
  store: Pick<Store, 'users'>,
  audit: RecordAudit,
  attempted: TargetAction,
): RequestHandler {
  return async (req, res, next) => {
    const target = await findUserOr404(store, req.params.id, req.t);
    const actor = currentUser(res)!;
    if (!holdsPermissionsOf(actor, target.roles)) {
      await audit(
        {
          action: 'authorization.refused',
          actorId: actor.id,
          targetId: target.id,
          outcome: 'more_privileges',
          details: { attempted, method: req.method },
        },
        requestContext(req),
      );
      return next(new HttpError(403, req.t(REFUSALS[attempted === 'edit' ? 'edit' : 'reset'])));
    }
    res.locals.target = target;
    next();
  };
}
