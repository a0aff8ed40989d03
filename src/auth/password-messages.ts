import type { RequestHandler } from 'express';
import type { Localized } from '../i18n/localization';
import { PRODUCT_NAME, type ContextWordKind } from '../shared/context-words';
import { listedRules, type PasswordRule, type PasswordRulesConfig } from '../shared/password-rules';

/** Text in the language of whoever reads it, chosen at the edge. */
export type LocalizedText = (localized: Localized) => string;

/** The meter's labels for zxcvbn's scores 0–4. */
const STRENGTH_LABEL_KEYS = [
  'password:strength.too_weak',
  'password:strength.weak',
  'password:strength.acceptable',
  'password:strength.good',
  'password:strength.strong',
] as const;

const RULE_KEYS: Record<PasswordRule, string> = {
  length_min: 'password:rules.length_min',
  length_max: 'password:rules.length_max',
  lowercase: 'password:rules.lowercase',
  uppercase: 'password:rules.uppercase',
  digit: 'password:rules.digit',
  symbol: 'password:rules.symbol',
  strength: 'password:rules.strength',
  not_breached: 'password:rules.not_breached',
  no_context_words: 'password:rules.no_context_words',
  confirmation: 'password:rules.confirmation',
  not_current: 'password:rules.not_current',
  not_recent: 'password:rules.not_recent',
};

const FAILURE_KEYS: Record<PasswordRule, string> = {
  length_min: 'password:failures.length_min',
  length_max: 'password:failures.length_max',
  lowercase: 'password:failures.lowercase',
  uppercase: 'password:failures.uppercase',
  digit: 'password:failures.digit',
  symbol: 'password:failures.symbol',
  strength: 'password:failures.strength',
  not_breached: 'password:failures.not_breached',
  no_context_words: 'password:failures.no_context_words',
  confirmation: 'password:failures.confirmation',
  not_current: 'password:failures.not_current',
  not_recent: 'password:failures.not_recent',
};

const CONTEXT_KIND_KEYS: Record<ContextWordKind, string> = {
  name: 'password:context.name',
  username: 'password:context.username',
  email_domain: 'password:context.email_domain',
  organisation: 'password:context.organisation',
  product: 'password:context.product',
  national_id: 'password:context.national_id',
};

/** The values a rule's description and failure message interpolate. */
function ruleValues(
  rule: PasswordRule,
  rules: PasswordRulesConfig,
  { t }: Localized,
): Record<string, unknown> {
  switch (rule) {
    case 'length_min':
      return { count: rules.minLength };
    case 'length_max':
      return { count: rules.maxLength };
    case 'strength':
      return { label: t(STRENGTH_LABEL_KEYS[rules.minScore] ?? STRENGTH_LABEL_KEYS[4]) };
    default:
      return {};
  }
}

/** "your name and your username", in the reader's language. */
function listContextKinds(kinds: ContextWordKind[], { locale, t }: Localized): string {
  const names = kinds.map((kind) => t(CONTEXT_KIND_KEYS[kind], { product: PRODUCT_NAME }));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

/** A checklist line: what the rule asks for. */
export function describeRule(rule: PasswordRule, rules: PasswordRulesConfig, localized: Localized): string {
  return localized.t(RULE_KEYS[rule], ruleValues(rule, rules, localized));
}

/** What to fix when the server refuses a password; `contained` names the context words found. */
export function failureMessage(
  rule: PasswordRule,
  rules: PasswordRulesConfig,
  contained: ContextWordKind[],
): LocalizedText {
  if (rule === 'no_context_words')
    return (localized) =>
      localized.t(FAILURE_KEYS.no_context_words, {
        words: listContextKinds(contained, localized),
        count: contained.length,
      });
  return (localized) => localized.t(FAILURE_KEYS[rule], ruleValues(rule, rules, localized));
}

/** Every new-password form lists the rules the server enforces, in the viewer's language. */
export function exposePasswordChecklist(rules: PasswordRulesConfig): RequestHandler {
  const listed = listedRules(rules);
  return (req, res, next) => {
    res.locals.passwordChecklist = listed.map((rule) => ({
      rule,
      label: describeRule(rule, rules, req.localized),
    }));
    next();
  };
}
