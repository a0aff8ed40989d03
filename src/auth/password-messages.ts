import type { RequestHandler } from 'express';
import type { Localized } from '../i18n/localization';
import { PRODUCT_NAME, type ContextWordKind } from '../shared/context-words';
import {
  listedRules,
  WORDS_SLOT,
  type MeterWarningTexts,
  type PasswordRule,
  type PasswordRulesConfig,
} from '../shared/password-rules';

/** Text in the language of whoever reads it, chosen at the edge. */
export type LocalizedText = (localized: Localized) => string;

/** zxcvbn's scores 0–4 by the names the live meter shows (src/client/meter-state.ts), so the two agree. */
const STRENGTH_LABEL_KEYS = [
  'client:meter.score.too_weak',
  'client:meter.score.weak',
  'client:meter.score.acceptable',
  'client:meter.score.good',
  'client:meter.score.strong',
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

const CONTEXT_KINDS = Object.keys(CONTEXT_KIND_KEYS) as ContextWordKind[];

/** The live meter's warnings in the viewer's language, worded as the server's refusals are. */
export function meterWarningTexts(rules: PasswordRulesConfig, localized: Localized): MeterWarningTexts {
  const { t } = localized;
  return {
    length_max: t(FAILURE_KEYS.length_max, ruleValues('length_max', rules, localized)),
    not_breached: t(FAILURE_KEYS.not_breached),
    no_context_words: CONTEXT_KINDS.map((_, index) =>
      t(FAILURE_KEYS.no_context_words, { words: WORDS_SLOT, count: index + 1 }),
    ),
    kinds: Object.fromEntries(
      CONTEXT_KINDS.map((kind) => [kind, t(CONTEXT_KIND_KEYS[kind], { product: PRODUCT_NAME })]),
    ) as Record<ContextWordKind, string>,
  };
}

/**
 * Every new-password form lists the rules the server enforces, and carries the meter's warnings, in the
 * viewer's language; both are worded once per language, not per request.
 */
export function exposePasswordChecklist(rules: PasswordRulesConfig): RequestHandler {
  const listed = listedRules(rules);
  const worded = new Map<
    Localized,
    { checklist: { rule: PasswordRule; label: string }[]; warnings: string }
  >();
  return (req, res, next) => {
    let texts = worded.get(req.localized);
    if (!texts) {
      texts = {
        checklist: listed.map((rule) => ({ rule, label: describeRule(rule, rules, req.localized) })),
        warnings: JSON.stringify(meterWarningTexts(rules, req.localized)),
      };
      worded.set(req.localized, texts);
    }
    res.locals.passwordChecklist = texts.checklist;
    res.locals.passwordWarnings = texts.warnings;
    next();
  };
}
