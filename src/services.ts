import { setTimeout as sleep } from 'node:timers/promises';
import { createAdminResets } from './admin/admin-resets';
import { createApiTokens } from './api/api-tokens';
import { createUserCreator } from './admin/create-user';
import { createUserUpdater } from './admin/update-user';
import { createAuditLog, type AuditObserver } from './audit/audit-log';
import { createSecurityAlertSink } from './audit/security-alerts';
import { createChangeOwnPassword } from './auth/change-password';
import { createFirstAdminSetup } from './auth/first-admin';
import { createRecordPasswordFailure } from './auth/password-failures';
import { createBreachCorpus } from './auth/breach-corpus';
import { loadBundledBreachedList } from './auth/breached-passwords';
import { createPasswordHasher } from './auth/password-hashing';
import { createPasswordPolicy, type EstimateStrength } from './auth/password-policy';
import { createReplacePassword, type PasswordChangedNotifier } from './auth/replace-password';
import { createStrengthPool } from './auth/strength-pool';
import { createSignIn } from './auth/sign-in';
import type { Clock } from './clock';
import type { Config } from './config';
import { createMetrics } from './metrics/metrics';
import { timeHasher } from './metrics/timed-hasher';
import { createMailQueue, type MailQueue } from './outbox/mail-queue';
import { createOutboxCipher } from './outbox/outbox-cipher';
import { createTextSealer } from './outbox/text-sealer';
import { createOneClickHandover } from './admin/one-click-handover';
import { renderPasswordChangedEmail } from './mail/templates';
import { createCompleteReset } from './reset/complete-reset';
import { createIntentSealer } from './reset/intent-sealer';
import { createRequestReset } from './reset/request-reset';
import { createResetIssuer } from './reset/reset-issuer';
import { createResolveResetIntent } from './reset/resolve-reset-intent';
import { createResetSecrets } from './reset/secrets';
import { createSecureAccount } from './secure-account/secure-account';
import { createSecureAccountLinks, type IssueSecureAccountLink } from './secure-account/secure-account-links';
import { PROJECT_ROOT } from './project-root';
import type { BreachedPasswordList } from './shared/breached-passwords';
import type { Store } from './store';
import { createCallerVerification } from './verification/caller-verification';
import { createWakeSignal } from './wake-signal';
import { createLocalization, type Localization } from './i18n/localization';
import { WEBHOOK_SECRET_SEALING } from './webhooks/webhook-secret';
import { createWebhookEmitter } from './webhooks/webhook-emitter';
import { createWebhookEndpoints } from './webhooks/webhook-endpoints';

export interface ServiceOptions {
  config: Config;
  store: Store;
  clock: Clock;
  /** Present only while no user exists (first run). */
  setupToken: string | null;
  /**
   * Counts each audit event for the metrics: this registry's counters by default. The background
   * thread passes one that hands the event to the web thread, whose registry /metrics serves.
   */
  countAudit?: AuditObserver;
  /** Where passwords are scored: the background thread when there is one, else a strength thread of this app's own. */
  estimateStrength?: EstimateStrength;
}

/** Every notice carries its own "this wasn't me" link, useful (and retried) as long as the link works. */
function createPasswordChangedNotifier(
  mailQueue: MailQueue,
  clock: Clock,
  localization: Localization,
  issueSecureAccountLink: IssueSecureAccountLink,
): PasswordChangedNotifier {
  return async (user, _context, by = 'self') => {
    const { link, expiresAt } = await issueSecureAccountLink(user.id, 'password_changed');
    const email = renderPasswordChangedEmail(
      {
        to: user.username,
        displayName: user.displayName,
        changedAt: clock(),
        by,
        userId: user.id,
        secureAccountLink: link,
      },
      localization.for({ locale: user.locale, timeZone: user.timeZone }),
    );
    await mailQueue.queue({ channel: 'email', ...email }, { usefulUntil: expiresAt });
  };
}

/** Builds the domain once from its dependencies; the server and the tests both call this. */
export function createServices({
  config,
  store,
  clock,
  setupToken,
  countAudit,
  estimateStrength,
}: ServiceOptions) {
  // Audit events counted elsewhere: this is the background thread, and the web thread serves /metrics.
  const metrics = createMetrics({ outbox: store.outbox, clock, processMetrics: !countAudit });
  // Pages speak the viewer's language; mail and SMS the recipient's.
  const localization = createLocalization(config.localization);
  const hasher = timeHasher(createPasswordHasher(config.argon2), metrics);
  const breachCorpus = createBreachCorpus({ ...config.breachedPasswords, clock });
  // Read on first use, so apps that never check a password (most tests) do not need the build.
  let bundled: BreachedPasswordList | null = null;
  const bundledBreachedList = () => (bundled ??= loadBundledBreachedList(PROJECT_ROOT));
  const strength = estimateStrength ? { estimateStrength, close: async () => {} } : createStrengthPool();
  const policy = createPasswordPolicy({
    rules: config.passwordRules,
    historySize: config.passwordHistory,
    hasher,
    estimateStrength: strength.estimateStrength,
    bundledBreachedList,
    breachCorpus,
    orgName: config.orgName,
  });
  const cipher = createOutboxCipher(config.outboxKey);
  // Doorbells for this process's workers: mail queued, a /forgot intent stored.
  const signals = { mailQueued: createWakeSignal(), intentAdded: createWakeSignal() };
  const mailQueue = createMailQueue({
    outbox: store.outbox,
    cipher,
    clock,
    maxAgeMs: config.outbox.maxAgeMs,
    queued: signals.mailQueued,
  });
  const secretBox = createTextSealer(config.outboxKey, WEBHOOK_SECRET_SEALING);
  const announceWebhooks = createWebhookEmitter({
    configured: config.webhooks,
    store,
    mailQueue,
    secretBox,
    clock,
  });
  const audit = createAuditLog(store.audit, clock, [countAudit ?? metrics.observeAudit, announceWebhooks]);
  const issueSecureAccountLink = createSecureAccountLinks({ store, clock, appUrl: config.appUrl });
  const notifyPasswordChanged = createPasswordChangedNotifier(
    mailQueue,
    clock,
    localization,
    issueSecureAccountLink,
  );
  const secrets = createResetSecrets(config.tokenPepper);
  const core = { store, hasher, policy, audit, clock };
  const issuer = createResetIssuer({
    store,
    secrets,
    mailQueue,
    clock,
    localization,
    appUrl: config.appUrl,
    reset: config.reset,
  });
  const intentSealer = createIntentSealer(config.outboxKey);
  const recordPasswordFailure = createRecordPasswordFailure({ store, audit, lockout: config.lockout });
  const replacePassword = createReplacePassword({
    ...core,
    historySize: config.passwordHistory,
    temporaryPasswordTtlMs: config.admin.tempPasswordTtlMs,
    notifyPasswordChanged,
  });
  const raiseAlert = createSecurityAlertSink({
    store,
    mailQueue,
    clock,
    localization,
    appUrl: config.appUrl,
    enabled: config.securityAlerts,
  });
  const callerVerification = createCallerVerification({
    store,
    audit,
    clock,
    mailQueue,
    localization,
    issueSecureAccountLink,
    raiseAlert,
    pepper: config.tokenPepper,
    config,
  });
  const { pauseBeforePasswordWriteMs } = config.testHooks;
  return {
    ...core,
    bundledBreachedList,
    breachCorpus,
    cipher,
    mailQueue,
    signals,
    localization,
    /** Ends the strength pool's thread, if this app has one. */
    close: () => strength.close(),
    metrics,
    signIn: createSignIn({ ...core, recordPasswordFailure }),
    changeOwnPassword: createChangeOwnPassword({ ...core, recordPasswordFailure, replacePassword }),
    createFirstAdmin: createFirstAdminSetup(core, setupToken),
    requestReset: createRequestReset({
      store,
      sealer: intentSealer,
      clock,
      intentAdded: signals.intentAdded,
    }),
    resolveResetIntent: createResolveResetIntent({
      store,
      sealer: intentSealer,
      secrets,
      issuer,
      audit,
      clock,
      reset: config.reset,
    }),
    callerVerification,
    oneClickHandover: createOneClickHandover(
      createTextSealer(config.outboxKey, 'resetdesk one-click handover v1'),
      clock,
    ),
    adminResets: createAdminResets({
      ...core,
      mailQueue,
      localization,
      issuer,
      replacePassword,
      raiseAlert,
      callerVerification,
      config,
    }),
    completeReset: createCompleteReset({
      ...core,
      secrets,
      failuresPerAccountHour: config.reset.failuresPerAccountHour,
      replacePassword,
      beforePasswordWrite:
        pauseBeforePasswordWriteMs > 0 ? () => sleep(pauseBeforePasswordWriteMs) : undefined,
    }),
    createUserAccount: createUserCreator({
      ...core,
      issueReset: issuer.issueReset,
      inviteTtlMs: config.admin.inviteTtlMs,
    }),
    updateUserAccount: createUserUpdater(core),
    apiTokens: createApiTokens({ store, audit, clock }),
    webhookEndpoints: createWebhookEndpoints({
      store,
      audit,
      clock,
      secretBox,
      production: config.production,
    }),
    secureAccount: createSecureAccount({
      store,
      audit,
      clock,
      raiseAlert,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
