import { setTimeout as sleep } from 'node:timers/promises';
import { createAdminResets } from './admin/admin-resets';
import { createUserCreator } from './admin/create-user';
import { createUserUpdater } from './admin/update-user';
import { createAuditLog } from './audit/audit-log';
import { createSecurityAlertSink } from './audit/security-alerts';
import { createChangeOwnPassword } from './auth/change-password';
import { createFirstAdminSetup } from './auth/first-admin';
import { createRecordPasswordFailure } from './auth/password-failures';
import { createPasswordHasher } from './auth/password-hashing';
import { createPasswordPolicy } from './auth/password-policy';
import { createReplacePassword, type PasswordChangedNotifier } from './auth/replace-password';
import { createStrengthPool } from './auth/strength-pool';
import { createSignIn } from './auth/sign-in';
import type { Clock } from './clock';
import type { Config } from './config';
import { createMailQueue, type MailQueue } from './outbox/mail-queue';
import { createOutboxCipher } from './outbox/outbox-cipher';
import { renderPasswordChangedEmail } from './mail/templates';
import { createCompleteReset } from './reset/complete-reset';
import { createIntentSealer } from './reset/intent-sealer';
import { createRequestReset } from './reset/request-reset';
import { createResetIssuer } from './reset/reset-issuer';
import { createResolveResetIntent } from './reset/resolve-reset-intent';
import { createResetSecrets } from './reset/secrets';
import { createSecureAccount } from './secure-account/secure-account';
import { createSecureAccountLinks, type IssueSecureAccountLink } from './secure-account/secure-account-links';
import type { Store } from './store';
import { createCallerVerification } from './verification/caller-verification';
import { createWakeSignal } from './wake-signal';

export interface ServiceOptions {
  config: Config;
  store: Store;
  clock: Clock;
  /** Present only while no user exists (first run). */
  setupToken: string | null;
}

/** Every notice carries its own "this wasn't me" link, useful (and retried) as long as the link works. */
function createPasswordChangedNotifier(
  mailQueue: MailQueue,
  clock: Clock,
  issueSecureAccountLink: IssueSecureAccountLink,
): PasswordChangedNotifier {
  return async (user, _context, by = 'self') => {
    const { link, expiresAt } = await issueSecureAccountLink(user.id, 'password_changed');
    const email = renderPasswordChangedEmail({
      to: user.username,
      displayName: user.displayName,
      changedAt: clock(),
      by,
      userId: user.id,
      secureAccountLink: link,
    });
    await mailQueue.queue({ channel: 'email', ...email }, { usefulUntil: expiresAt });
  };
}

/** Builds the domain once from its dependencies; the server and the tests both call this. */
export function createServices({ config, store, clock, setupToken }: ServiceOptions) {
  const hasher = createPasswordHasher(config.argon2);
  const strength = createStrengthPool();
  const policy = createPasswordPolicy({
    rules: config.passwordRules,
    historySize: config.passwordHistory,
    hasher,
    estimateStrength: strength.estimateStrength,
  });
  const audit = createAuditLog(store.audit, clock);
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
  const issueSecureAccountLink = createSecureAccountLinks({ store, clock, appUrl: config.appUrl });
  const notifyPasswordChanged = createPasswordChangedNotifier(mailQueue, clock, issueSecureAccountLink);
  const secrets = createResetSecrets(config.tokenPepper);
  const core = { store, hasher, policy, audit, clock };
  const issuer = createResetIssuer({
    store,
    secrets,
    mailQueue,
    clock,
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
    appUrl: config.appUrl,
    enabled: config.securityAlerts,
  });
  const callerVerification = createCallerVerification({
    store,
    audit,
    clock,
    mailQueue,
    issueSecureAccountLink,
    raiseAlert,
    pepper: config.tokenPepper,
    config,
  });
  const { pauseBeforePasswordWriteMs } = config.testHooks;
  return {
    ...core,
    cipher,
    mailQueue,
    signals,
    /** Starts the strength thread ahead of the first password check (the server, at start). */
    warmUp: () => strength.warmUp(),
    /** Ends the strength pool's thread. */
    close: () => strength.close(),
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
    adminResets: createAdminResets({
      ...core,
      mailQueue,
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
    secureAccount: createSecureAccount({
      store,
      audit,
      clock,
      raiseAlert,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
