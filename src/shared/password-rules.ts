import { describeContextKinds, type ContextWordKind } from './context-words';

/**
 * Password rules that need no server state. Shared with the browser bundle (the live checklist)
 * so the hint and the server's verdict can never disagree on logic. The server words them from the
 * `password` catalog (src/auth/password-messages.ts).
 */
export interface PasswordRulesConfig {
  minLength: number;
  maxLength: number;
  /** Upper, lower, digit and symbol required (the customer's default; NIST-style when false). */
  composition: boolean;
  /** zxcvbn score needed, 0–4. */
  minScore: number;
}

export type PasswordRule =
  | 'length_min'
  | 'length_max'
  | 'lowercase'
  | 'uppercase'
  | 'digit'
  | 'symbol'
  | 'strength'
  | 'not_breached'
  | 'no_context_words'
  | 'confirmation'
  | 'not_current'
  | 'not_recent';

export const STRENGTH_LABELS = ['Too weak', 'Weak', 'Acceptable', 'Good', 'Strong'] as const;

export const BREACHED_MESSAGE = 'This password appears in lists of breached passwords';

/**
 * The live meter's warning for what the user must fix, in English for now (the server's refusals,
 * translated, come from src/auth/password-messages.ts). `contained` names the kinds of context word
 * found, for no_context_words.
 */
export function ruleFailureMessage(
  rule: PasswordRule,
  config: PasswordRulesConfig,
  contained: ContextWordKind[] = [],
): string {
  switch (rule) {
    case 'length_min':
      return `Use at least ${config.minLength} characters.`;
    case 'length_max':
      return `Use at most ${config.maxLength} characters.`;
    case 'lowercase':
      return 'Add a lower-case letter.';
    case 'uppercase':
      return 'Add an upper-case letter.';
    case 'digit':
      return 'Add a number.';
    case 'symbol':
      return 'Add a symbol or a space.';
    case 'strength':
      return `Too easy to guess: it must rate at least "${STRENGTH_LABELS[config.minScore]}". Try a longer phrase of unrelated words.`;
    case 'not_breached':
      return `${BREACHED_MESSAGE}, so attackers try it first. Choose a different one.`;
    case 'no_context_words':
      return contained.length > 0
        ? `It contains ${describeContextKinds(contained)}: leave ${contained.length > 1 ? 'them' : 'it'} out, attackers try such words first.`
        : "Leave out your name, your username and the organisation's name: attackers try such words first.";
    case 'confirmation':
      return 'The two passwords do not match.';
    case 'not_current':
      return 'Choose a password different from your current one.';
    case 'not_recent':
      return 'Choose a password you have not used recently.';
  }
}

/** Counted in code points, so an emoji is one character and nothing is ever truncated. */
export function passwordLength(password: string): number {
  return [...password].length;
}

const COMPOSITION: [PasswordRule, RegExp][] = [
  ['lowercase', /\p{Ll}/u],
  ['uppercase', /\p{Lu}/u],
  ['digit', /\p{Nd}/u],
  ['symbol', /[^\p{L}\p{N}]/u],
];

/** The rules that apply under this configuration, in checklist order. */
export function listedRules(config: PasswordRulesConfig): PasswordRule[] {
  const composition = config.composition ? COMPOSITION.map(([rule]) => rule) : [];
  return ['length_min', ...composition, 'strength', 'not_breached', 'no_context_words', 'confirmation'];
}

/** Length and composition rules the password breaks (no strength, no history). */
export function failedShapeRules(password: string, config: PasswordRulesConfig): PasswordRule[] {
  const failed: PasswordRule[] = [];
  const length = passwordLength(password);
  if (length < config.minLength) failed.push('length_min');
  if (length > config.maxLength) failed.push('length_max');
  if (config.composition) {
    for (const [rule, pattern] of COMPOSITION) if (!pattern.test(password)) failed.push(rule);
  }
  return failed;
}
