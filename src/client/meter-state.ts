import { contextWords, type ContextWord, type ContextWordKind } from '../shared/context-words';
import {
  failedShapeRules,
  listedRules,
  type MeterWarning,
  type PasswordRule,
  type PasswordRulesConfig,
} from '../shared/password-rules';
import { normalizeUsername } from '../shared/username';
import type { ClientTextKey } from './text';

/**
 * How far the strength score can be trusted. `provisional` comes from zxcvbn's core matchers only
 * (no dictionaries yet): dictionaries can only lower a score, so a low provisional score is shown as is,
 * but a passing one is never believed. `unavailable` means the dictionaries failed to load: the meter
 * steps back and the server decides strength, as it does without JavaScript.
 */
export type StrengthReading =
  { status: 'ready'; score: number } | { status: 'provisional'; score: number } | { status: 'unavailable' };

/**
 * The bundled breached-password list's answer: `loading` until its file arrives (never believed
 * clear), `unavailable` when it failed to load (the server decides, as it does without JavaScript).
 */
export type BreachReading = 'listed' | 'clear' | 'loading' | 'unavailable';

/** The label of each zxcvbn score, 0 to 4 (keys of the client namespace; the page translates them). */
export const SCORE_LABELS = [
  'client:meter.score.too_weak',
  'client:meter.score.weak',
  'client:meter.score.acceptable',
  'client:meter.score.good',
  'client:meter.score.strong',
] as const satisfies readonly ClientTextKey[];

export const CHECKING_LABEL = 'client:meter.checking' satisfies ClientTextKey;

export interface MeterInput {
  password: string;
  confirmation: string;
  rules: PasswordRulesConfig;
  /** Called only when there is something to score (not empty, not over-long: as on the server). */
  readStrength: () => StrengthReading;
  /** Called on the same condition as readStrength. */
  readBreach: () => BreachReading;
  /** The kinds of context word the page knows of that the password contains. */
  contained: ContextWordKind[];
}

export interface MeterState {
  /** One of SCORE_LABELS or CHECKING_LABEL, or null when there is nothing to say. */
  label: ClientTextKey | null;
  /** Drives the bar's colour and width; null hides the bar's fill. */
  barScore: number | null;
  checklist: { rule: PasswordRule; met: boolean }[];
  tooLong: boolean;
  /** The one problem worth saying in words while typing (too long, breached, a context word), or null. */
  warning: MeterWarning | null;
  canSubmit: boolean;
}

function describeStrength(
  reading: StrengthReading | undefined,
  minScore: number,
): Pick<MeterState, 'label' | 'barScore'> & { met: boolean } {
  if (!reading || reading.status === 'unavailable') return { label: null, barScore: null, met: false };
  const label = SCORE_LABELS[reading.score] ?? null;
  if (reading.status === 'ready') return { label, barScore: reading.score, met: reading.score >= minScore };
  if (reading.score < minScore) return { label, barScore: reading.score, met: false };
  return { label: CHECKING_LABEL, barScore: null, met: false };
}

/** The whole visible state of the meter, from what was typed and how strong it scored. */
export function computeMeterState({
  password,
  confirmation,
  rules,
  readStrength,
  readBreach,
  contained,
}: MeterInput): MeterState {
  const failed = password === '' ? listedRules(rules) : failedShapeRules(password, rules);
  const tooLong = failed.includes('length_max');
  const checked = password !== '' && !tooLong;
  const strength = checked ? readStrength() : undefined;
  const breach = checked ? readBreach() : undefined;
  const { label, barScore, met: strengthMet } = describeStrength(strength, rules.minScore);
  const skipped = (rule: PasswordRule) =>
    (rule === 'strength' && strength?.status === 'unavailable') ||
    (rule === 'not_breached' && breach === 'unavailable');
  const checklist = listedRules(rules).map((rule) => {
    if (rule === 'strength') return { rule, met: strengthMet };
    if (rule === 'not_breached') return { rule, met: breach === 'clear' };
    if (rule === 'no_context_words') return { rule, met: checked && contained.length === 0 };
    if (rule === 'confirmation') return { rule, met: password !== '' && password === confirmation };
    return { rule, met: !failed.includes(rule) };
  });
  const canSubmit = !tooLong && checklist.every(({ rule, met }) => met || skipped(rule));
  return { label, barScore, checklist, tooLong, warning: describeWarning(), canSubmit };

  function describeWarning(): MeterWarning | null {
    if (tooLong) return { rule: 'length_max' };
    if (breach === 'listed') return { rule: 'not_breached' };
    if (checked && contained.length > 0) return { rule: 'no_context_words', kinds: contained };
    return null;
  }
}

export interface MeterConfig {
  rules: PasswordRulesConfig;
  /** Extra names from the page (e.g. the name of the account being reset, whose username stays hidden). */
  userWords: string[];
  /** The account the password is for, when the page knows it without a form field. */
  owner: { username: string; displayName: string };
  /** ORG_NAME, or '' */
  orgName: string;
  /** Where the bundled breached-password list is, or '' when the page has none. */
  blocklistUrl: string;
}

function readNumber(value: string | undefined, fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

function readWords(value: string | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(value ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((word): word is string => typeof word === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Reads the rules from the password input's data attributes. A missing or garbled attribute falls back
 * to the stricter side (composition on, the server's defaults), so a broken page never hints "fine".
 */
export function readMeterConfig(dataset: Record<string, string | undefined>): MeterConfig {
  return {
    rules: {
      minLength: readNumber(dataset.minLength, 8),
      maxLength: readNumber(dataset.maxLength, 256),
      composition: dataset.composition !== 'false',
      minScore: Math.min(4, Math.max(0, readNumber(dataset.minScore, 2))),
    },
    userWords: readWords(dataset.userWords),
    owner: { username: dataset.username ?? '', displayName: dataset.displayName ?? '' },
    orgName: dataset.orgName ?? '',
    blocklistUrl: dataset.blocklistUrl ?? '',
  };
}

/**
 * The context words the server uses (contextWords of the account and ORG_NAME), plus the page's extra
 * names. The page never holds the national ID, and the reset page not the username: those the server
 * alone checks. Extra words only ever add words, so the hint is never more lenient than the server.
 */
export function collectContextWords(
  config: MeterConfig,
  fields: { username?: string | undefined; displayName?: string | undefined },
): ContextWord[] {
  const owner = contextWords({
    // The server checks the stored (normalized) username and the name as typed.
    username: normalizeUsername(fields.username ?? config.owner.username),
    displayName: fields.displayName ?? config.owner.displayName,
    orgName: config.orgName,
  });
  return [...owner, ...config.userWords.flatMap((name) => contextWords({ displayName: name }))];
}
