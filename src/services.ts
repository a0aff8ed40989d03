import { createAuditLog } from './audit/audit-log';
import { createChangeOwnPassword, type PasswordChangedNotifier } from './auth/change-password';
import { createFirstAdminSetup } from './auth/first-admin';
import { createPasswordHasher } from './auth/password-hashing';
import { createPasswordPolicy } from './auth/password-policy';
import { createServerStrengthEstimator } from './auth/server-strength';
import { createSignIn } from './auth/sign-in';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Store } from './store';

export interface ServiceOptions {
  config: Config;
  store: Store;
  clock: Clock;
  /** Present only while no user exists (first run). */
  setupToken: string | null;
  notifyPasswordChanged?: PasswordChangedNotifier;
}

/** Builds the domain once from its dependencies; the server and the tests both call this. */
export function createServices({ config, store, clock, setupToken, notifyPasswordChanged }: ServiceOptions) {
  const hasher = createPasswordHasher(config.argon2);
  const policy = createPasswordPolicy({
    rules: config.passwordRules,
    historySize: config.passwordHistory,
    hasher,
    estimateStrength: createServerStrengthEstimator(),
  });
  const audit = createAuditLog(store.audit, clock);
  const core = { store, hasher, policy, audit, clock };
  return {
    ...core,
    signIn: createSignIn({ ...core, lockout: config.lockout }),
    changeOwnPassword: createChangeOwnPassword({
      ...core,
      historySize: config.passwordHistory,
      notifyPasswordChanged,
    }),
    createFirstAdmin: createFirstAdminSetup(core, setupToken),
  };
}

export type Services = ReturnType<typeof createServices>;
