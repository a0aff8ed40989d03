import type { Request, RequestHandler, Response } from 'express';
import type { Localization, Localized, LocalePreference, Translate } from './localization';
import { PSEUDO_LOCALE } from './pseudo-locale';

declare module 'express-serve-static-core' {
  interface Request {
    /** The language and time zone this request is answered in. */
    localized: Localized;
    t: Translate;
  }
}

/** Set by the language switcher on signed-out pages; a signed-in person's own choice wins over it. */
export const LANGUAGE_COOKIE = 'resetdesk.lang';
const LANGUAGE_COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE.replace('.', '\\.')}=([^;]*)`);

function languageCookie(req: Request): string | undefined {
  return LANGUAGE_COOKIE_PATTERN.exec(req.headers.cookie ?? '')?.[1];
}

function apply(req: Request, res: Response, localized: Localized): void {
  req.localized = localized;
  req.t = localized.t;
  // Few locals on purpose: EJS copies every local into each include, so the formats travel as one object.
  res.locals.t = localized.t;
  res.locals.lang = localized.locale;
  res.locals.dir = localized.dir;
  res.locals.l10n = localized;
}

/**
 * The visitor's language before anyone is signed in: the switcher's cookie, else `Accept-Language`, else
 * the default. Also what a signed-in person without a language of their own gets.
 */
export function visitorLocaleOf(localization: Localization, req: Request): string {
  const cookie = languageCookie(req);
  if (localization.isLocale(cookie)) return cookie;
  // The pseudo-locale is chosen on purpose, never negotiated.
  const negotiable = localization.locales.filter((locale) => locale !== PSEUDO_LOCALE);
  return req.acceptsLanguages(negotiable) || localization.defaultLocale;
}

export function chooseVisitorLocale(localization: Localization): RequestHandler {
  return (req, res, next) => {
    apply(req, res, localization.for({ locale: visitorLocaleOf(localization, req) }));
    next();
  };
}

/** A fixed language and zone whoever asks: the REST API answers its programs in the source language, in UTC. */
export function answerIn(localization: Localization, preference: LocalePreference): RequestHandler {
  const localized = localization.for(preference);
  return (req, res, next) => {
    apply(req, res, localized);
    next();
  };
}

/** After the user loader: a signed-in person's saved language and time zone, where they chose them. */
export function applyAccountLocale(
  localization: Localization,
  preferenceOf: (res: Response) => LocalePreference | null,
): RequestHandler {
  return (req, res, next) => {
    const preference = preferenceOf(res);
    if (preference) {
      apply(
        req,
        res,
        localization.for({
          locale: preference.locale ?? req.localized.locale,
          timeZone: preference.timeZone ?? localization.defaultTimeZone,
        }),
      );
    }
    next();
  };
}
