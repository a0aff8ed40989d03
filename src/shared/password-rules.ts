import type { ContextWordKind } from './context-words';

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

/** The one problem the live meter puts in words while someone types. */
export type MeterWarning =
  { rule: 'length_max' } | { rule: 'not_breached' } | { rule: 'no_context_words'; kinds: ContextWordKind[] };

/** Where the list of context words goes in `MeterWarningTexts.no_context_words`. */
export const WORDS_SLOT = '\u{E000}';

/**
 * The meter's warnings, worded by the server in the page's language (the `password` catalog) and handed
 * to the page, so the browser needs no message formatter: `no_context_words[n - 1]` is the sentence for
 * n kinds of word, with WORDS_SLOT where their list (Intl.ListFormat in the page's language) goes.
 */
export interface MeterWarningTexts {
  length_max: string;
  not_breached: string;
  no_context_words: string[];
  kinds: Record<ContextWordKind, string>;
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
