import { join } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { createAlertRouter } from './admin/alert-routes';
import { createAuditRouter } from './admin/audit-routes';
import { createApiEndpoints } from './api/api-endpoints';
import { createApiRouter } from './api/api-router';
import { API_TOKENS_PATH, createApiTokenRouter } from './api/api-token-routes';
import { loadMailWarning } from './admin/mail-warning';
import { createResetOptionRouter } from './admin/reset-option-routes';
import { loadSecurityAlerts } from './admin/security-alerts-panel';
import { createUsersRouter } from './admin/users-routes';
import { createAccountRouter } from './auth/account-routes';
import { createHomeRouter } from './home/home-routes';
import { createLoginRouter } from './auth/login-routes';
import { exposePasswordChecklist } from './auth/password-messages';
import {
  createSessionHandler,
  createUserLoader,
  currentUser,
  requirePasswordChangeFirst,
} from './auth/session-middleware';
import { createSetupRouter } from './auth/setup-routes';
import type { Clock } from './clock';
import { PROJECT_ROOT } from './project-root';
import { breadcrumbsFor, navigationFor, roleLabel } from './navigation';
import type { Config } from './config';
import { createDevMailboxRouter } from './mail/dev-mailbox-routes';
import { countRequests, createMetricsRouter } from './metrics/metrics-routes';
import type { DevMailbox } from './mail/dev-mailbox';
import { createResetRouter } from './reset/reset-routes';
import { createSecureAccountRouter } from './secure-account/secure-account-routes';
import { createVerificationRouter } from './verification/verification-routes';
import { createWebhookRouter, WEBHOOKS_PATH } from './webhooks/webhook-routes';
import type { Services } from './services';
import type { Store } from './store';
import { createAssetResolver } from './web/assets';
import { serveBuiltScripts } from './web/built-scripts';
import { breakable } from './web/breakable';
import { createCsrfProtection } from './web/csrf';
import { createErrorHandler, handleNotFound } from './web/errors';
import { takeFlash } from './web/flash';
import { createHealthRouter } from './web/health-routes';
import { describeCorpusStatus } from './auth/breach-corpus';
import type { Logger } from './web/logger';
import { requirePlainFields } from './web/plain-fields';
import { createRequestLogger } from './web/request-logger';
import { createSecurityHeaders } from './web/security-headers';
import { setTrustProxy } from './web/trust-proxy';
import { createViewEngine } from './web/view-engine';
import { clientTextJson } from './i18n/client-text';
import { answerIn, applyAccountLocale, chooseVisitorLocale } from './i18n/locale-middleware';
import { createLanguageRouter } from './i18n/language-routes';
import { SOURCE_LOCALE, type Localization } from './i18n/localization';

export interface AppDeps {
  config: Config;
  store: Store;
  logger: Logger;
  clock: Clock;
  services: Services;
  /** Development without SMTP: mail and SMS land here and are shown at /dev/mailbox (never in production). */
  devMailbox: DevMailbox | null;
}

export interface AppOptions {
  /** Mounted after the feature routers and before the 404 handler (tests, development tools). */
  extraRouters?: readonly Router[];
}

/** Partials may rely on these being present on every page. */
const setDefaultLocals: RequestHandler = (req, res, next) => {
  res.locals.currentPath = req.path;
  res.locals.flash = [];
  res.locals.currentUser = null;
  res.locals.can = () => false;
  next();
};

/** EJS views, and the locals every page may use. */
function configureViews(app: express.Express, config: Config, localization: Localization): void {
  app.engine('ejs', createViewEngine(join(PROJECT_ROOT, 'views')));
  app.set('view engine', 'ejs');
  app.set('views', join(PROJECT_ROOT, 'views'));
  app.set('view cache', config.production);
  // Every new-password form renders the same rules the server enforces (for the live checklist).
  app.locals.passwordRules = config.passwordRules;
  app.locals.orgName = config.orgName ?? '';
  app.locals.asset = createAssetResolver(PROJECT_ROOT);
  app.locals.breakable = breakable;
  app.locals.navigationFor = navigationFor;
  app.locals.breadcrumbsFor = breadcrumbsFor;
  app.locals.roleLabel = roleLabel;
  app.locals.clientText = clientTextJson;
  app.locals.languages = localization.locales.map((code) => ({ code, name: localization.nameOf(code) }));
}

/** The REST API: the same use cases as the console, behind Bearer tokens instead of a session. */
function createRestApi({ config, store, clock, services }: AppDeps): Router {
  return createApiRouter({
    store,
    clock,
    audit: services.audit,
    apiTokens: services.apiTokens,
    appUrl: config.appUrl,
    ratePerMinute: config.api.ratePerMinute,
    endpoints: createApiEndpoints({
      config,
      store,
      clock,
      audit: services.audit,
      adminResets: services.adminResets,
      callerVerification: services.callerVerification,
      createUserAccount: services.createUserAccount,
    }),
  });
}

/** Each feature's router gets exactly the use cases and storage it works with, by name. */
function createFeatureRouters({ config, store, clock, services, devMailbox }: AppDeps): Router[] {
  const { audit } = services;
  const routers = [
    createHomeRouter({ config, store, clock }),
    createLoginRouter({ config, store, clock, signIn: services.signIn }),
    createSetupRouter({ store, createFirstAdmin: services.createFirstAdmin }),
    createAccountRouter({
      store,
      clock,
      audit,
      changeOwnPassword: services.changeOwnPassword,
      localization: services.localization,
    }),
    createResetRouter({
      config,
      store,
      clock,
      requestReset: services.requestReset,
      completeReset: services.completeReset,
    }),
    createUsersRouter({
      config,
      store,
      clock,
      audit,
      createUserAccount: services.createUserAccount,
      updateUserAccount: services.updateUserAccount,
      callerVerification: services.callerVerification,
    }),
    createResetOptionRouter({
      config,
      store,
      clock,
      audit,
      adminResets: services.adminResets,
      callerVerification: services.callerVerification,
      oneClickHandover: services.oneClickHandover,
    }),
    createVerificationRouter({ config, store, audit, callerVerification: services.callerVerification }),
    createAuditRouter({ store, clock }),
    createAlertRouter({ store, clock }),
    createApiTokenRouter({ store, clock, apiTokens: services.apiTokens }),
    createWebhookRouter({ config, store, webhookEndpoints: services.webhookEndpoints }),
    createSecureAccountRouter({ config, store, clock, secureAccount: services.secureAccount }),
  ];
  if (devMailbox && !config.production) routers.push(createDevMailboxRouter({ mailbox: devMailbox }));
  return routers;
}

/**
 * Builds the whole app without listening, so tests can create as many as they like.
 *
 * The order is the point: the request logger first, so every answer (errors included) is logged with
 * its request id; security headers before anything can answer; scripts, styles and the health probes
 * before any session work; the body checked for plain fields before a route, rate limit or session
 * sees it; then the session, the flash and the signed-in user, which CSRF and the forced password
 * change need; the feature routers; the 404 page; the error handler last. Headers a page needs
 * (no-store and the like) are set by the router that owns it, never here, so no mount order can drop them.
 */
export function createApp(deps: AppDeps, options: AppOptions = {}): express.Express {
  const { config, store, logger, clock, services } = deps;
  const app = express();
  app.set('env', config.env);
  setTrustProxy(app, config.trustProxy);
  app.disable('x-powered-by');
  // An ETag is a SHA-1 of each body, a measurable part of a render, for validators nobody uses: pages
  // carry a per-session CSRF token or personal data, and no client of the API sends If-None-Match.
  app.disable('etag');
  configureViews(app, config, services.localization);

  app.use(createRequestLogger(config, logger));
  app.use(countRequests(deps.services.metrics));
  app.use(createSecurityHeaders(config));
  // Before anything that can answer with a page, the error pages included.
  app.use(chooseVisitorLocale(services.localization));
  // Before the body parsers, plain fields and sessions: JSON bodies, Bearer tokens, problem+json errors.
  app.use('/api', answerIn(services.localization, { locale: SOURCE_LOCALE, timeZone: 'UTC' }));
  app.use(createRestApi(deps));
  app.use(createMetricsRouter({ metrics: deps.services.metrics, token: config.metricsToken }));
  app.use('/js', serveBuiltScripts(PROJECT_ROOT));
  // On its prefix only: mounted at the root, static would stat the disk before every route.
  app.use('/css', express.static(join(PROJECT_ROOT, 'public', 'css'), { maxAge: '1h', index: false }));
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.use(express.json({ limit: '16kb' }));
  app.use(setDefaultLocals);
  app.use(requirePlainFields({ [API_TOKENS_PATH]: ['scopes'], [WEBHOOKS_PATH]: ['events'] }));

  // Probes answer before any session work.
  app.use(
    createHealthRouter({
      store,
      breachedPasswords: () => describeCorpusStatus(services.breachCorpus.status()),
    }),
  );

  app.use(createSessionHandler(config, store, clock));
  app.use(takeFlash);
  app.use(createUserLoader(config, store, clock));
  app.use(applyAccountLocale(services.localization, currentUser));
  app.use(exposePasswordChecklist(config.passwordRules));
  app.use(createCsrfProtection());
  app.use(requirePasswordChangeFirst);
  app.use(deps.services.oneClickHandover.wipeExpired);
  // The staff's landing pages: home and the users list.
  app.get(['/', '/admin/users'], loadMailWarning(store.outbox));
  // The admins' security alerts panel, on the home page.
  app.get('/', loadSecurityAlerts(store));

  app.use(createLanguageRouter({ localization: services.localization, secureCookies: config.production }));
  for (const router of createFeatureRouters(deps)) app.use(router);
  for (const router of options.extraRouters ?? []) app.use(router);

  app.use(handleNotFound);
  app.use(createErrorHandler(config));
  return app;
}
