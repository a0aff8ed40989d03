import { join } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import { createAuditRouter } from '../admin/audit-routes';
import { loadMailWarning } from '../admin/mail-warning';
import { createAdminResetRouter } from '../admin/reset-routes';
import { createUsersRouter } from '../admin/users-routes';
import { createAccountRouter } from '../auth/account-routes';
import { createLoginRouter } from '../auth/login-routes';
import { describeRule, listedRules } from '../shared/password-rules';
import {
  createSessionHandler,
  createUserLoader,
  requirePasswordChangeFirst,
} from '../auth/session-middleware';
import { createSetupRouter } from '../auth/setup-routes';
import type { Clock } from '../clock';
import { plural } from '../plural';
import { PROJECT_ROOT } from '../project-root';
import { formatUtc } from '../time-format';
import type { Config } from '../config';
import { createDevMailboxRouter } from '../mail/dev-mailbox-routes';
import type { DevMailbox } from '../mail/dev-mailbox';
import { createResetRouter } from '../reset/reset-routes';
import type { Services } from '../services';
import type { Store } from '../store';
import { createAssetResolver, serveBuiltScripts } from './assets';
import { createCsrfProtection } from './csrf';
import { createErrorHandler, handleNotFound } from './errors';
import { takeFlash } from './flash';
import { createHealthRouter } from './health-routes';
import { createHomeRouter } from './home-routes';
import type { Logger } from './logger';
import { requirePlainFields } from './plain-fields';
import { createRequestLogger } from './request-logger';
import { createSecurityHeaders } from './security-headers';
import { setTrustProxy } from './trust-proxy';
import { createViewEngine } from './view-engine';

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
const setDefaultLocals: RequestHandler = (_req, res, next) => {
  res.locals.flash = [];
  res.locals.currentUser = null;
  res.locals.can = () => false;
  next();
};

/** Builds the whole app without listening, so tests can create as many as they like. */
export function createApp(deps: AppDeps, options: AppOptions = {}): express.Express {
  const { config, store, logger, clock, services, devMailbox } = deps;
  const app = express();
  app.set('env', config.env);
  setTrustProxy(app, config.trustProxy);
  app.disable('x-powered-by');
  app.engine('ejs', createViewEngine(join(PROJECT_ROOT, 'views')));
  app.set('view engine', 'ejs');
  app.set('views', join(PROJECT_ROOT, 'views'));
  app.set('view cache', config.production);
  // Every new-password form renders the same rules the server enforces (for the live checklist).
  app.locals.passwordRules = config.passwordRules;
  app.locals.passwordChecklist = listedRules(config.passwordRules).map((rule) => ({
    rule,
    label: describeRule(rule, config.passwordRules),
  }));
  app.locals.asset = createAssetResolver(PROJECT_ROOT);
  app.locals.formatUtc = formatUtc;
  app.locals.plural = plural;

  app.use(createRequestLogger(config, logger));
  app.use(createSecurityHeaders(config));
  app.use('/js', serveBuiltScripts(PROJECT_ROOT));
  // On its prefix only: mounted at the root, static would stat the disk before every route.
  app.use('/css', express.static(join(PROJECT_ROOT, 'public', 'css'), { maxAge: '1h', index: false }));
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.use(express.json({ limit: '16kb' }));
  app.use(setDefaultLocals);
  app.use(requirePlainFields);

  // Probes answer before any session work.
  app.use(createHealthRouter(store));

  app.use(createSessionHandler(config, store, clock));
  app.use(takeFlash);
  app.use(createUserLoader(config, store, clock));
  app.use(createCsrfProtection());
  app.use(requirePasswordChangeFirst);
  // The staff's landing pages: home and the users list.
  app.get(['/', '/admin/users'], loadMailWarning(store.outbox));

  // Feature routers, in order. Each feature exports a `createXRouter(...)` from its own folder.
  app.use(createHomeRouter());
  app.use(createLoginRouter(config, store, clock, services));
  app.use(createSetupRouter(store, services));
  app.use(createAccountRouter(store, clock, services));
  app.use(createResetRouter(config, store, clock, services));
  app.use(createUsersRouter(config, store, clock, services));
  app.use(createAdminResetRouter(config, store, clock, services));
  app.use(createAuditRouter(store, clock));
  if (devMailbox && !config.production) app.use(createDevMailboxRouter(devMailbox));
  for (const router of options.extraRouters ?? []) app.use(router);

  app.use(handleNotFound);
  app.use(createErrorHandler(config));
  return app;
}
