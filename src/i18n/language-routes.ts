import { Router } from 'express';
import type { Localization } from './localization';
import { LANGUAGE_COOKIE } from './locale-middleware';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Only a path of this site: never `//host` or `/\host`, which browsers treat as another origin. */
function localPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

/**
 * The signed-out pages' language switcher: plain links, so it works without JavaScript. It only sets a
 * preference cookie, so it needs no CSRF token; a signed-in person chooses on /account instead.
 */
export function createLanguageRouter({
  localization,
  secureCookies,
}: {
  localization: Localization;
  secureCookies: boolean;
}): Router {
  const router = Router();
  router.get('/language', (req, res) => {
    const { lang, next } = req.query;
    if (!localization.isLocale(lang)) {
      res.status(400).type('text/plain').send(req.t('common:language.unknown'));
      return;
    }
    res.cookie(LANGUAGE_COOKIE, lang, {
      maxAge: YEAR_MS,
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      path: '/',
    });
    res.redirect(303, localPath(next));
  });
  return router;
}
