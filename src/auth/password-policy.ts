import type { PasswordHasher } from './password-hashing';
import {
  failedShapeRules,
  ruleFailureMessage,
  type PasswordRule,
  type PasswordRulesConfig,
} from '../shared/password-rules';
import { userContextWords } from '../shared/password-strength';

export interface PasswordFailure {
  rule: PasswordRule;
  message: string;
}

export type PolicyVerdict = { ok: true } | { ok: false; failures: PasswordFailure[] };

export interface PasswordOwner {
  username: string;
  displayName: string;
  passwordHash: string | null;
  passwordHistory: string[];
}

export interface PasswordPolicy {
  readonly rules: PasswordRulesConfig;
  /** Every rule is checked and every failure reported together; the browser's verdict is never trusted. */
  check(password: string, confirmation: string, owner: PasswordOwner): Promise<PolicyVerdict>;
}

/** The zxcvbn score (0–4) of a password, given words from its owner's account; off the event loop on the server. */
export type EstimateStrength = (password: string, userWords: string[]) => Promise<number>;

export interface PasswordPolicyDeps {
  rules: PasswordRulesConfig;
  historySize: number;
  hasher: PasswordHasher;
  estimateStrength: EstimateStrength;
}

export function createPasswordPolicy({
  rules,
  historySize,
  hasher,
  estimateStrength,
}: PasswordPolicyDeps): PasswordPolicy {
  async function reusedRules(password: string, owner: PasswordOwner): Promise<PasswordRule[]> {
    if (await hasher.verify(owner.passwordHash, password)) return ['not_current'];
    for (const previous of owner.passwordHistory.slice(0, historySize)) {
      if (await hasher.verify(previous, password)) return ['not_recent'];
    }
    return [];
  }

  return {
    rules,
    async check(password, confirmation, owner) {
      const failed = failedShapeRules(password, rules);
      if (password !== confirmation) failed.push('confirmation');
      // Over-long input is refused before any hashing or scoring work is spent on it.
      if (!failed.includes('length_max')) {
        if ((await estimateStrength(password, userContextWords(owner))) < rules.minScore) {
          failed.push('strength');
        }
        if (owner.passwordHash) failed.push(...(await reusedRules(password, owner)));
      }
      if (failed.length === 0) return { ok: true };
      return {
        ok: false,
        failures: failed.map((rule) => ({ rule, message: ruleFailureMessage(rule, rules) })),
      };
    },
  };
}

export interface PasswordFieldErrors {
  password?: string[];
  confirmPassword?: string;
}

/** Form errors: the confirmation mismatch beside the confirmation field, every other rule beside the password. */
export function passwordFieldErrors(failures: PasswordFailure[]): PasswordFieldErrors {
  const confirmation = failures.find((failure) => failure.rule === 'confirmation');
  const others = failures.filter((failure) => failure.rule !== 'confirmation');
  return {
    ...(others.length > 0 && { password: others.map((failure) => failure.message) }),
    ...(confirmation && { confirmPassword: confirmation.message }),
  };
}
