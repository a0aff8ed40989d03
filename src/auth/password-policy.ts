import { passwordForm, type PasswordHasher } from './password-hashing';
import { failureMessage, type LocalizedText } from './password-messages';
import { failedShapeRules, type PasswordRule, type PasswordRulesConfig } from '../shared/password-rules';
import {
  containedContextKinds,
  contextWords,
  strengthInputs,
  type ContextWordKind,
} from '../shared/context-words';
import type { BreachedPasswordList } from '../shared/breached-passwords';
import type { BreachCorpus } from './breach-corpus';
import type { Localized } from '../i18n/localization';
import { strengthLanguageOf, type StrengthLanguage } from '../shared/password-strength';

export interface PasswordFailure {
  rule: PasswordRule;
  /** Translated at the edge, into the language of whoever is told. */
  message: LocalizedText;
}

export type PolicyVerdict = { ok: true } | { ok: false; failures: PasswordFailure[] };

export interface PasswordOwner {
  username: string;
  displayName: string;
  /** A context word too: a password containing it is refused. */
  nationalId?: string | null;
  passwordHash: string | null;
  passwordHistory: string[];
  /** Their own language, where they chose one: its dictionaries are checked too. */
  locale?: string | null;
}

export interface PasswordPolicy {
  readonly rules: PasswordRulesConfig;
  /**
   * Every rule is checked and every failure reported together; the browser's verdict is never trusted.
   * Strength counts the dictionaries of the page's language (`pageLocale`) and of the owner's.
   */
  check(
    password: string,
    confirmation: string,
    owner: PasswordOwner,
    pageLocale?: string,
  ): Promise<PolicyVerdict>;
  /** The bundled list alone (no I/O): generated passwords are redrawn when it holds them. */
  inBundledBreachedList(password: string): boolean;
}

/**
 * The zxcvbn score (0–4) of a password, given words from its owner's account, with common + English
 * and the given languages' dictionaries; off the event loop on the server.
 */
export type EstimateStrength = (
  password: string,
  userWords: string[],
  languages: StrengthLanguage[],
) => Promise<number>;

export interface PasswordPolicyDeps {
  rules: PasswordRulesConfig;
  historySize: number;
  hasher: PasswordHasher;
  estimateStrength: EstimateStrength;
  /** The bundled breached-password list, read on first use. */
  bundledBreachedList: () => BreachedPasswordList;
  /** The optional local Pwned Passwords corpus, asked after the bundled list. */
  breachCorpus: Pick<BreachCorpus, 'lookup'>;
  /** ORG_NAME, a context word for every account. */
  orgName: string | null;
}

export function createPasswordPolicy({
  rules,
  historySize,
  hasher,
  estimateStrength,
  bundledBreachedList,
  breachCorpus,
  orgName,
}: PasswordPolicyDeps): PasswordPolicy {
  const inBundledBreachedList = (password: string) => bundledBreachedList().includes(password);

  async function isBreached(password: string): Promise<boolean> {
    return inBundledBreachedList(password) || (await breachCorpus.lookup(password)) === 'listed';
  }

  async function reusedRules(password: string, owner: PasswordOwner): Promise<PasswordRule[]> {
    if (await hasher.verify(owner.passwordHash, password)) return ['not_current'];
    for (const previous of owner.passwordHistory.slice(0, historySize)) {
      if (await hasher.verify(previous, password)) return ['not_recent'];
    }
    return [];
  }

  return {
    rules,
    inBundledBreachedList,
    async check(typed, typedConfirmation, owner, pageLocale) {
      const password = passwordForm(typed);
      const confirmation = passwordForm(typedConfirmation);
      const failed = failedShapeRules(password, rules);
      if (password !== confirmation) failed.push('confirmation');
      // Over-long input is refused before any hashing or scoring work is spent on it.
      let contained: ContextWordKind[] = [];
      if (!failed.includes('length_max')) {
        const words = contextWords({ ...owner, orgName });
        const languages = [pageLocale, owner.locale].map(strengthLanguageOf).filter((l) => l !== null);
        if ((await estimateStrength(password, strengthInputs(words), languages)) < rules.minScore)
          failed.push('strength');
        if (await isBreached(password)) failed.push('not_breached');
        contained = containedContextKinds(password, words);
        if (contained.length > 0) failed.push('no_context_words');
        if (owner.passwordHash) failed.push(...(await reusedRules(password, owner)));
      }
      if (failed.length === 0) return { ok: true };
      return {
        ok: false,
        failures: failed.map((rule) => ({ rule, message: failureMessage(rule, rules, contained) })),
      };
    },
  };
}

export interface PasswordFieldErrors {
  password?: string[];
  confirmPassword?: string;
}

/**
 * Form errors in the viewer's language: the confirmation mismatch beside the confirmation field,
 * every other rule beside the password.
 */
export function passwordFieldErrors(failures: PasswordFailure[], localized: Localized): PasswordFieldErrors {
  const confirmation = failures.find((failure) => failure.rule === 'confirmation');
  const others = failures.filter((failure) => failure.rule !== 'confirmation');
  return {
    ...(others.length > 0 && { password: others.map((failure) => failure.message(localized)) }),
    ...(confirmation && { confirmPassword: confirmation.message(localized) }),
  };
}
