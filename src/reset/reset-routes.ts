import { Router, type Request, type RequestHandler, type Response } from 'express';
import { isEmailAddress } from '../auth/email';
import { passwordFieldErrors } from '../auth/password-policy';
import { toAsciiDigits } from '../shared/digits';
import { normalizeUsername } from '../shared/username';
import type { Clock } from '../clock';
import type { Translate } from '../i18n/localization';
import type { Config } from '../config';
import type { Store } from '../store';
import { flash } from '../web/flash';
import { requestContext, stringField } from '../web/form';
import { noStore } from '../web/no-store';
import { createIpRateLimit } from '../web/rate-limit';
import type { CompleteReset, CompleteResetResult } from './complete-reset';
import { maskUsername } from './mask-username';
import type { RequestReset } from './request-reset';
import { RESET_MESSAGES } from './reset-messages';
import { CODE_PATTERN, hashLinkToken } from './secrets';

interface ResetForm {
  username: string;
  code: string;
}

export interface ResetRouterDeps {
  config: Pick<Config, 'rateLimits' | 'reset'>;
  store: Pick<Store, 'resetRequests' | 'users' | 'rateLimits'>;
  clock: Clock;
  requestReset: RequestReset;
  completeReset: CompleteReset;
}

export function createResetRouter(deps: ResetRouterDeps): Router {
  const { config, store, clock, requestReset, completeReset } = deps;
  const router = Router();
  const rule = (prefix: string, limit: number) => ({ prefix, limit, windowMs: config.rateLimits.windowMs });
  const forgotLimit = createIpRateLimit(store, clock, rule('forgot:ip:', config.rateLimits.forgotPerIp));
  const resetLimit = createIpRateLimit(store, clock, rule('reset:ip:', config.rateLimits.resetPerIp));
  const ttlMs = config.reset.ttlMs;

  async function renderResetPage(req: Request, res: Response, status: number, form: ResetForm, extra = {}) {
    const tokenHash = req.session.resetTokenHash;
    const request = tokenHash ? await store.resetRequests.findOpenByTokenHash(tokenHash, clock()) : null;
    const user = request ? await store.users.findById(request.userId) : null;
    const linkInvalid = Boolean(tokenHash) && !user;
    if (linkInvalid) delete req.session.resetTokenHash;
    res.status(linkInvalid ? 400 : status).render('reset/reset', {
      values: form,
      errors: {},
      linkMode: Boolean(user),
      ...(linkInvalid && { banner: req.t(RESET_MESSAGES.request_invalid) }),
      maskedUsername: user ? maskUsername(user.username) : '',
      // Only what the page shows may reach its HTML, so the meter gets the name, never the username:
      // it is a hint, and the server re-checks with the full username (and its local part) anyway.
      userWords: user ? [user.displayName] : [],
      ...extra,
    });
  }

  // Token pages must not be cached or leak through Referer (the policy header is global).
  router.use(['/forgot', '/reset'], noStore);

  router.get('/forgot', (_req, res) => res.render('reset/forgot', { sent: false, ttlMs }));

  router.post('/forgot', forgotLimit, async (req, res) => {
    const username = stringField(req.body, 'username', 320);
    // Malformed input is answered the same way, but touches nothing: no lookup, no counter, no mail.
    if (username !== null && isEmailAddress(normalizeUsername(username))) {
      await requestReset(username, requestContext(req));
    }
    res.render('reset/forgot', { sent: true, ttlMs });
  });

  router.get('/reset', async (req, res) => {
    const token = req.query.token;
    if (token !== undefined) {
      // Moved into the session so the token never sits in history, logs or a Referer header; GET never consumes.
      if (typeof token === 'string' && token.length <= 200) req.session.resetTokenHash = hashLinkToken(token);
      else delete req.session.resetTokenHash;
      return res.redirect(303, '/reset');
    }
    await renderResetPage(req, res, 200, { username: '', code: '' });
  });

  /** Shape first, before the rate limit or any other counter: a malformed form changes nothing. */
  const refuseMalformedForm: RequestHandler = async (req, res, next) => {
    const form = readResetForm(req.body);
    const errors = formShapeErrors(form, Boolean(req.session.resetTokenHash), req.t);
    if (Object.keys(errors).length === 0) return next();
    await renderResetPage(req, res, 400, form, { errors });
  };

  router.post('/reset', refuseMalformedForm, resetLimit, async (req, res) => {
    const form = readResetForm(req.body);
    const tokenHash = req.session.resetTokenHash ?? null;
    const result = await completeReset(
      {
        tokenHash,
        username: form.username,
        code: compactCode(form.code),
        password: stringField(req.body, 'password', 4096) ?? '',
        confirmPassword: stringField(req.body, 'confirmPassword', 4096) ?? '',
      },
      requestContext(req),
    );
    if (result.ok) return finishReset(req, res, result.userType === 'device');
    if (result.error === 'request_invalid' || result.error === 'too_many_attempts') {
      delete req.session.resetTokenHash;
    }
    await renderResetPage(req, res, 400, form, failureLocals(result, req.t));
  });

  return router;
}

/** What was typed, kept on the page after a failure (passwords aside); the code in ASCII digits. */
function readResetForm(body: unknown): ResetForm {
  return {
    username: stringField(body, 'username', 320) ?? '',
    code: toAsciiDigits(stringField(body, 'code', 20) ?? '').trim(),
  };
}

/** People paste codes as "123 456". */
function compactCode(code: string): string {
  return code.replace(/\s/g, '');
}

function formShapeErrors(form: ResetForm, linkMode: boolean, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!linkMode && !form.username.trim()) errors.username = t(RESET_MESSAGES.username_missing);
  if (!CODE_PATTERN.test(compactCode(form.code))) errors.code = t(RESET_MESSAGES.code_format);
  return errors;
}

function failureLocals(result: Exclude<CompleteResetResult, { ok: true }>, t: Translate) {
  switch (result.error) {
    case 'request_invalid':
      return { banner: t(RESET_MESSAGES.request_invalid) };
    case 'too_many_attempts':
      return { banner: t(RESET_MESSAGES.too_many_attempts) };
    case 'code_incorrect':
      return { errors: { code: t(RESET_MESSAGES.code_incorrect, { count: result.attemptsLeft }) } };
    case 'code_not_accepted':
      return { errors: { code: t(RESET_MESSAGES.code_not_accepted) } };
    case 'password_rejected':
      return { errors: passwordFieldErrors(result.failures) };
  }
}

/** A fresh, signed-out session: the reset never signs anyone in. */
async function finishReset(req: Request, res: Response, deviceUser: boolean): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())),
  );
  if (deviceUser) return res.render('reset/done-device');
  flash(req, 'success', req.t(RESET_MESSAGES.completed));
  res.redirect(303, '/login');
}
