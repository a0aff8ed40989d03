import { Router, type Request, type Response } from 'express';
import type { RecordAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Localization } from '../i18n/localization';
import { visitorLocaleOf } from '../i18n/locale-middleware';
import type { Store } from '../store';
import { flash } from '../web/flash';
import { requestContext, stringField } from '../web/form';
import { noStore } from '../web/no-store';
import {
  preferenceChoices,
  readPreferences,
  type Preferences,
  type PreferencesErrors,
} from './account-preferences';
import { AUTH_MESSAGES } from './auth-messages';
import type { ChangeOwnPassword, ChangePasswordResult } from './change-password';
import { passwordFieldErrors, type PasswordFieldErrors } from './password-policy';
import { revokeUserSessions } from './revoke-sessions';
import { summarizeUserAgent } from '../user-agent';
import { currentUser, requireSignIn } from './session-middleware';
import { USER_TYPE_LABELS } from './user-labels';

/** The user's sessions are already gone from the store; a fresh anonymous one carries the message to sign-in. */
async function sendLockedOutToSignIn(req: Request, res: Response, lockedUntil: Date): Promise<void> {
  const message = req.t(AUTH_MESSAGES.locked_out, { until: req.localized.formatDateTime(lockedUntil) });
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())),
  );
  flash(req, 'error', message);
  res.redirect(303, '/login');
}

export interface AccountRouterDeps {
  store: Pick<Store, 'users' | 'sessions'>;
  clock: Clock;
  audit: RecordAudit;
  changeOwnPassword: ChangeOwnPassword;
  localization: Localization;
}

export function createAccountRouter(deps: AccountRouterDeps): Router {
  const { store, clock, audit, changeOwnPassword, localization } = deps;
  const router = Router();
  router.use('/account', noStore, requireSignIn);

  const choices = preferenceChoices(localization);
  function renderAccount(res: Response, status: number, preferences: Preferences, errors: PreferencesErrors) {
    const user = currentUser(res)!;
    const translated = Object.fromEntries(
      Object.entries(errors).map(([field, key]) => [field, res.locals.t(key)]),
    );
    res.status(status).render('account/index', {
      user,
      userTypeLabel: USER_TYPE_LABELS[user.userType],
      preferences: { ...choices, ...preferences },
      errors: translated,
    });
  }

  router.get('/account', (_req, res) => {
    const { locale, timeZone } = currentUser(res)!;
    renderAccount(res, 200, { locale, timeZone }, {});
  });

  router.post('/account/preferences', async (req, res) => {
    const user = currentUser(res)!;
    const input = readPreferences(req.body, localization);
    if (!input.ok) {
      const shown = { locale: user.locale, timeZone: user.timeZone, ...input.values };
      return renderAccount(res, 400, shown, input.errors);
    }
    const { locale, timeZone } = input.preferences;
    if (locale !== user.locale || timeZone !== user.timeZone) {
      await store.users.updateProfile(user.id, { locale, timeZone }, clock());
      const details = { locale, timeZone };
      await audit(
        { action: 'preferences.changed', actorId: user.id, targetId: user.id, outcome: 'ok', details },
        requestContext(req),
      );
    }
    // The next page speaks the new choice already, so this message does too.
    const next = localization.for({ locale: locale ?? visitorLocaleOf(localization, req), timeZone });
    flash(req, 'success', next.t(AUTH_MESSAGES.preferences_saved));
    res.redirect(303, '/account');
  });

  /** Only while the account must still choose its own password, and only in the session that signed in with the temporary one. */
  const currentPasswordProven = (req: Request, res: Response) =>
    currentUser(res)!.mustChangePassword && req.session.signedInWithTemporaryPassword === true;

  router.get('/account/password', (req, res) => {
    res.render('account/password', {
      errors: {},
      mustChange: currentUser(res)!.mustChangePassword,
      askCurrent: !currentPasswordProven(req, res),
    });
  });

  router.post('/account/password', async (req, res) => {
    const user = currentUser(res)!;
    const field = (name: string) => stringField(req.body, name, 4096) ?? '';
    const result = await changeOwnPassword(
      {
        user,
        currentPassword: field('currentPassword'),
        currentPasswordProven: currentPasswordProven(req, res),
        password: field('password'),
        confirmPassword: field('confirmPassword'),
        keepSid: req.sessionID,
      },
      requestContext(req),
    );
    if (!result.ok && result.error === 'locked_out') {
      return sendLockedOutToSignIn(req, res, result.lockedUntil);
    }
    if (!result.ok) {
      const locals = {
        errors: changePasswordErrors(req, result),
        mustChange: user.mustChangePassword,
        askCurrent: !currentPasswordProven(req, res),
      };
      return res.status(400).render('account/password', locals);
    }
    req.session.sessionVersion = result.sessionVersion;
    delete req.session.signedInWithTemporaryPassword;
    flash(req, 'success', req.t(AUTH_MESSAGES.password_changed));
    res.redirect(303, '/account');
  });

  router.get('/account/sessions', async (req, res) => {
    const user = currentUser(res)!;
    const sessions = (await store.sessions.listByUser(user.id, clock())).map((session) => ({
      ...session,
      device: summarizeUserAgent(session.userAgent, req.t),
      current: session.sid === req.sessionID,
    }));
    res.render('account/sessions', { sessions });
  });

  router.post('/account/sessions/revoke-others', async (req, res) => {
    const user = currentUser(res)!;
    const { revoked, sessionVersion } = await revokeUserSessions(store, user.id, clock(), req.sessionID);
    req.session.sessionVersion = sessionVersion ?? user.sessionVersion;
    const details = { revoked, scope: 'others' };
    await audit(
      { action: 'sessions.revoked', actorId: user.id, targetId: user.id, outcome: 'ok', details },
      requestContext(req),
    );
    flash(req, 'success', req.t(AUTH_MESSAGES.other_sessions_signed_out, { count: revoked }));
    res.redirect(303, '/account/sessions');
  });

  return router;
}

type ChangeRefusal = Exclude<ChangePasswordResult, { ok: true } | { error: 'locked_out' }>;

/** The form's field errors for a refused change, looked up by code. */
function changePasswordErrors(
  req: Request,
  result: ChangeRefusal,
): PasswordFieldErrors & { currentPassword?: string } {
  switch (result.error) {
    case 'current_password_incorrect':
      return { currentPassword: req.t(AUTH_MESSAGES.current_password_incorrect) };
    case 'account_locked':
      return {
        currentPassword: req.t(AUTH_MESSAGES.account_locked, {
          until: req.localized.formatDateTime(result.lockedUntil),
        }),
      };
    case 'password_rejected':
      return passwordFieldErrors(result.failures);
  }
}
