import { Router } from 'express';
import type { Services } from '../services';
import type { Store } from '../store';
import { HttpError } from '../web/errors';
import { flash } from '../web/flash';
import { requestContext, stringField } from '../web/form';
import { isSetupOpen } from './first-admin';

const FIELDS = ['setupToken', 'username', 'displayName', 'password', 'confirmPassword'] as const;

export function createSetupRouter(store: Store, services: Services): Router {
  const router = Router();

  router.use('/setup', async (_req, _res, next) => {
    if (!(await isSetupOpen(store)))
      return next(new HttpError(404, 'Setup is already complete. Sign in instead.'));
    next();
  });

  router.get('/setup', (_req, res) => {
    res.render('auth/setup', { values: { username: '', displayName: '' }, errors: {} });
  });

  router.post('/setup', async (req, res) => {
    const input = Object.fromEntries(
      FIELDS.map((name) => [name, stringField(req.body, name, 4096) ?? '']),
    ) as Record<(typeof FIELDS)[number], string>;
    const result = await services.createFirstAdmin(input, requestContext(req));
    if (result.ok) {
      flash(req, 'success', 'Administrator created. Sign in with your new password.');
      return res.redirect(303, '/login');
    }
    if ('closed' in result) throw new HttpError(404, 'Setup is already complete. Sign in instead.');
    res.status(400).render('auth/setup', {
      values: { username: input.username, displayName: input.displayName },
      errors: result.errors,
    });
  });

  return router;
}
