import { Router } from 'express';
import type { Store } from '../store';
import { HttpError } from '../web/errors';
import { flash } from '../web/flash';
import { requestContext, stringField } from '../web/form';
import { noStore } from '../web/no-store';
import { AUTH_MESSAGES } from './auth-messages';
import { isSetupOpen, type CreateFirstAdmin } from './first-admin';
import { passwordFieldErrors } from './password-policy';

const FIELDS = ['setupToken', 'username', 'displayName', 'password', 'confirmPassword'] as const;

export interface SetupRouterDeps {
  store: Pick<Store, 'users'>;
  createFirstAdmin: CreateFirstAdmin;
}

export function createSetupRouter({ store, createFirstAdmin }: SetupRouterDeps): Router {
  const router = Router();

  // The page takes the setup token and shows back the first admin's name and address: no cache keeps it.
  router.use('/setup', noStore);
  router.use('/setup', async (req, _res, next) => {
    if (!(await isSetupOpen(store))) return next(new HttpError(404, req.t(AUTH_MESSAGES.setup_closed)));
    next();
  });

  router.get('/setup', (_req, res) => {
    res.render('auth/setup', { values: { username: '', displayName: '' }, errors: {} });
  });

  router.post('/setup', async (req, res) => {
    const input = Object.fromEntries(
      FIELDS.map((name) => [name, stringField(req.body, name, 4096) ?? '']),
    ) as Record<(typeof FIELDS)[number], string>;
    const result = await createFirstAdmin(input, requestContext(req));
    if (result.ok) {
      flash(req, 'success', req.t(AUTH_MESSAGES.administrator_created));
      return res.redirect(303, '/login');
    }
    if (result.error === 'setup_closed') throw new HttpError(404, req.t(AUTH_MESSAGES.setup_closed));
    const fieldErrors = Object.entries(result.fields).map(([field, code]) => [
      field,
      req.t(AUTH_MESSAGES[code]),
    ]);
    res.status(400).render('auth/setup', {
      values: { username: input.username, displayName: input.displayName },
      errors: { ...Object.fromEntries(fieldErrors), ...passwordFieldErrors(result.failures) },
    });
  });

  return router;
}
