/** Whether admin resets ask for a help-desk ticket reference (`TICKET_REF`). */
export type TicketRefMode = 'required' | 'optional' | 'off';

export interface TicketRefConfig {
  mode: TicketRefMode;
  /** Anchored (see compileTicketPattern); null accepts any single line up to the length limit. */
  pattern: RegExp | null;
  /** The pattern as configured, shown when no example can be derived from it. */
  patternSource: string | null;
  /** A reference the pattern accepts (e.g. INC0012345), or null when none could be derived. */
  example: string | null;
}

export type TicketRefResult =
  { ok: true; value: string | null } | { ok: false; error: 'ticket_required' | 'ticket_format' };

export type TicketRefError = Extract<TicketRefResult, { ok: false }>['error'];

/** Bounds what a configured pattern ever runs on, so even a backtracking-prone one stays cheap. */
export const TICKET_REF_MAX_LENGTH = 64;

// Any printable text on one line: a reference is shown on pages and exported, never a block of text.
const PRINTABLE = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u;

/** One line of printable text within the length limit: the shape of any ticket reference, pattern or not. */
export function isTicketRefShaped(value: string): boolean {
  return value.length <= TICKET_REF_MAX_LENGTH && PRINTABLE.test(value);
}

/**
 * The whole value must match, whether or not the operator wrote ^ and $. Throws a SyntaxError for a
 * pattern that does not compile (the configuration reports it by variable name).
 */
export function compileTicketPattern(source: string): RegExp {
  return new RegExp(`^(?:${source})$`, 'u');
}

/**
 * The form field (a missing field reads as ''), checked under the configured rule. `off` ignores any
 * submitted value; an empty one is "no ticket", refused only when a ticket is required.
 */
export function parseTicketRef(raw: string | null, config: TicketRefConfig): TicketRefResult {
  if (config.mode === 'off') return { ok: true, value: null };
  const value = (raw ?? '').trim();
  if (value === '') {
    return config.mode === 'required' ? { ok: false, error: 'ticket_required' } : { ok: true, value: null };
  }
  // The length check runs first so a configured pattern never sees more than 64 characters.
  if (!isTicketRefShaped(value) || (config.pattern && !config.pattern.test(value))) {
    return { ok: false, error: 'ticket_format' };
  }
  return { ok: true, value };
}

const CLASS_SAMPLES: Record<string, string> = {
  '[0-9]': '0123456789',
  '\\d': '0123456789',
  '[A-Z]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '[a-z]': 'abcdefghijklmnopqrstuvwxyz',
};

/** `n` characters of a class: digits read like a ticket number (7 → 0012345), letters count up. */
function sampleRun(sample: string, n: number): string {
  if (sample.startsWith('0')) return '12345'.slice(0, n).padStart(n, '0');
  return sample.repeat(Math.ceil(n / sample.length)).slice(0, n);
}

const ATOM = /^(\((?:\?:)?([^()|]+)(?:\|[^()]*)?\)|\[0-9\]|\\d|\[A-Z\]|\[a-z\]|[A-Za-z0-9_#/:.-]|\\[-./#])/;
const COUNT = /^(\{(\d+)(?:,\d*)?\}|\+|\*|\?)?/;

/**
 * A readable example for the simple patterns tickets use (literals, a group of alternatives, digit and
 * letter classes, counted repeats), e.g. ^(INC|RITM)[0-9]{7}$ → INC0012345. Null for anything else,
 * or when the result would not match: the message then shows the pattern itself.
 */
export function deriveTicketExample(source: string, pattern: RegExp): string | null {
  let rest = source.replace(/^\^/, '').replace(/\$$/, '');
  let example = '';
  while (rest) {
    const atom = ATOM.exec(rest);
    if (!atom) return null;
    rest = rest.slice(atom[0].length);
    const count = COUNT.exec(rest)!;
    rest = rest.slice(count[0].length);
    const n = count[2] ? Number(count[2]) : count[1] === '*' || count[1] === '?' ? 0 : 1;
    const literal = atom[2] ?? atom[0].replace(/^\\/, '');
    const sample = CLASS_SAMPLES[atom[0]];
    example += sample ? sampleRun(sample, n) : literal.repeat(n);
  }
  return example && pattern.test(example) ? example : null;
}
