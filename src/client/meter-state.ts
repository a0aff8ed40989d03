import {
  failedShapeRules,
  listedRules,
  STRENGTH_LABELS,
  type PasswordRule,
  type PasswordRulesConfig,
} from '../shared/password-rules';
import { userContextWords } from '../shared/password-strength';
import { normalizeUsername } from '../shared/username';

/**
 * How far the strength score can be trusted. `provisional` comes from zxcvbn's core matchers only
 * (no dictionaries yet): dictionaries can only lower a score, so a low provisional score is shown as is,
 * but a passing one is never believed. `unavailable` means the dictionaries failed to load: the meter
 * steps back and the server decides strength, as it does without JavaScript.
 */
export type StrengthReading =
  { status: 'ready'; score: number } | { status: 'provisional'; score: number } | { status: 'unavailable' };

export const CHECKING_LABEL = 'Checking…';

export interface MeterInput {
  password: string;
  confirmation: string;
  rules: PasswordRulesConfig;
  /** Called only when there is something to score (not empty, not over-long: as on the server). */
  readStrength: () => StrengthReading;
}

export interface MeterState {
  /** One of STRENGTH_LABELS, CHECKING_LABEL, or '' when there is nothing to say. */
  label: string;
  /** Drives the bar's colour and width; null hides the bar's fill. */
  barScore: number | null;
  checklist: { rule: PasswordRule; met: boolean }[];
  tooLong: boolean;
  canSubmit: boolean;
}

function describeStrength(
  reading: StrengthReading | undefined,
  minScore: number,
): Pick<MeterState, 'label' | 'barScore'> & { met: boolean } {
  if (!reading || reading.status === 'unavailable') return { label: '', barScore: null, met: false };
  const label = STRENGTH_LABELS[reading.score] ?? '';
  if (reading.status === 'ready') return { label, barScore: reading.score, met: reading.score >= minScore };
  if (reading.score < minScore) return { label, barScore: reading.score, met: false };
  return { label: CHECKING_LABEL, barScore: null, met: false };
}

/** The whole visible state of the meter, from what was typed and how strong it scored. */
export function computeMeterState({ password, confirmation, rules, readStrength }: MeterInput): MeterState {
  const failed = password === '' ? listedRules(rules) : failedShapeRules(password, rules);
  const tooLong = failed.includes('length_max');
  const strength = password === '' || tooLong ? undefined : readStrength();
  const { label, barScore, met: strengthMet } = describeStrength(strength, rules.minScore);
  const strengthSkipped = strength?.status === 'unavailable';
  const checklist = listedRules(rules).map((rule) => {
    if (rule === 'strength') return { rule, met: strengthMet };
    if (rule === 'confirmation') return { rule, met: password !== '' && password === confirmation };
    return { rule, met: !failed.includes(rule) };
  });
  const canSubmit =
    !tooLong && checklist.every(({ rule, met }) => met || (rule === 'strength' && strengthSkipped));
  return { label, barScore, checklist, tooLong, canSubmit };
}

export interface MeterConfig {
  rules: PasswordRulesConfig;
  /** Extra words from the page (e.g. the account being reset), used as given. */
  userWords: string[];
  /** The account the password is for, when the page knows it without a form field. */
  owner: { username: string; displayName: string };
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
  };
}

/**
 * The context words the server scores with (userContextWords of the account), plus the page's extra
 * words. Each extra word is expanded the way a username and a name are, so a page may pass the raw
 * `[username, displayName]` or already-expanded words: the result only ever adds words, which can
 * lower the hint's score but never raise it above the server's.
 */
export function collectUserWords(
  config: MeterConfig,
  fields: { username?: string | undefined; displayName?: string | undefined },
): string[] {
  const owner = {
    // The server scores against the stored (normalized) username and the name as typed.
    username: normalizeUsername(fields.username ?? config.owner.username),
    displayName: fields.displayName ?? config.owner.displayName,
  };
  const extra = config.userWords.flatMap((word) =>
    userContextWords({ username: normalizeUsername(word), displayName: word }),
  );
  return [...new Set([...userContextWords(owner), ...extra])];
}
