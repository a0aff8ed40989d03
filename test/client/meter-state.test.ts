import type { PasswordRulesConfig } from '../../src/shared/password-rules';
import {
  CHECKING_LABEL,
  collectContextWords,
  computeMeterState,
  readMeterConfig,
  type BreachReading,
  type StrengthReading,
} from '../../src/client/meter-state';
import type { ContextWordKind } from '../../src/shared/context-words';

const RULES: PasswordRulesConfig = { minLength: 8, maxLength: 256, composition: true, minScore: 2 };

function state(
  password: string,
  confirmation: string,
  reading: StrengthReading,
  rules = RULES,
  breach: BreachReading = 'clear',
  contained: ContextWordKind[] = [],
) {
  return computeMeterState({
    password,
    confirmation,
    rules,
    readStrength: () => reading,
    readBreach: () => breach,
    contained,
  });
}

function metRules(password: string, confirmation: string, reading: StrengthReading, rules = RULES) {
  return state(password, confirmation, reading, rules)
    .checklist.filter(({ met }) => met)
    .map(({ rule }) => rule);
}

describe('meter state', () => {
  it('when nothing is typed, then no rule is met, no label shows and Save waits', () => {
    const result = state('', '', { status: 'ready', score: 4 });
    expect(result).toEqual({
      label: null,
      barScore: null,
      checklist: [
        'length_min',
        'lowercase',
        'uppercase',
        'digit',
        'symbol',
        'strength',
        'not_breached',
        'no_context_words',
        'confirmation',
      ].map((rule) => ({ rule, met: false })),
      tooLong: false,
      warning: null,
      canSubmit: false,
    });
  });

  it('when rules are met one by one, then each ticks on its own', () => {
    const weak = { status: 'ready', score: 0 } as const;
    const checks = ['not_breached', 'no_context_words'];
    expect(metRules('a', '', weak)).toEqual(['lowercase', ...checks]);
    expect(metRules('aB3', '', weak)).toEqual(['lowercase', 'uppercase', 'digit', ...checks]);
    expect(metRules('aB3 ', '', weak)).toEqual(['lowercase', 'uppercase', 'digit', 'symbol', ...checks]);
    expect(metRules('aB3 defg', 'aB3 defg', weak)).toEqual([
      'length_min',
      'lowercase',
      'uppercase',
      'digit',
      'symbol',
      ...checks,
      'confirmation',
    ]);
  });

  it('when every rule is met with a dictionary score at the minimum, then Save is allowed', () => {
    const result = state('Velvet-Orbit-42', 'Velvet-Orbit-42', { status: 'ready', score: 2 });
    expect([result.label, result.barScore, result.canSubmit]).toEqual([
      'client:meter.score.acceptable',
      2,
      true,
    ]);
  });

  it('when the score is below the minimum, or the confirmation differs, then Save waits', () => {
    expect(state('Velvet-Orbit-42', 'Velvet-Orbit-42', { status: 'ready', score: 1 }).canSubmit).toBe(false);
    expect(state('Velvet-Orbit-42', 'Velvet-Orbit-4', { status: 'ready', score: 4 }).canSubmit).toBe(false);
  });

  it('when scored without dictionaries, then a low score shows but a passing one reads "Checking…" and never enables Save', () => {
    const low = state('Velvet-Orbit-42', 'Velvet-Orbit-42', { status: 'provisional', score: 1 });
    expect([low.label, low.barScore, low.canSubmit]).toEqual(['client:meter.score.weak', 1, false]);
    const high = state('Velvet-Orbit-42', 'Velvet-Orbit-42', { status: 'provisional', score: 4 });
    expect([high.label, high.barScore, high.canSubmit]).toEqual([CHECKING_LABEL, null, false]);
    expect(high.checklist.find(({ rule }) => rule === 'strength')?.met).toBe(false);
  });

  it('when the dictionaries failed to load, then strength is left to the server and the other rules still gate Save', () => {
    const result = state('Velvet-Orbit-42', 'Velvet-Orbit-42', { status: 'unavailable' });
    expect([result.label, result.canSubmit]).toEqual([null, true]);
    expect(state('velvet', 'velvet', { status: 'unavailable' }).canSubmit).toBe(false);
  });

  it('when the password is over the maximum, then it is not scored and Save waits, counting code points', () => {
    const readStrength = jest.fn((): StrengthReading => ({ status: 'ready', score: 4 }));
    const rules = { ...RULES, maxLength: 10 };
    const long = 'Aa1!'.repeat(3);
    const readBreach = jest.fn((): BreachReading => 'clear');
    const input = { rules, readStrength, readBreach, contained: [] };
    const result = computeMeterState({ ...input, password: long, confirmation: long });
    expect([result.tooLong, result.canSubmit, result.label]).toEqual([true, false, null]);
    expect(result.warning).toEqual({ rule: 'length_max' });
    expect(readStrength).not.toHaveBeenCalled();
    expect(readBreach).not.toHaveBeenCalled();
    // Ten emoji are ten characters, as on the server.
    const emoji = 'Aa1😀😀😀😀😀😀😀';
    expect(computeMeterState({ ...input, password: emoji, confirmation: emoji }).tooLong).toBe(false);
  });

  it('when composition is off, then only length, strength and confirmation are listed', () => {
    const rules = { ...RULES, composition: false };
    const result = state('correct horse', 'correct horse', { status: 'ready', score: 3 }, rules);
    expect(result.checklist).toEqual([
      { rule: 'length_min', met: true },
      { rule: 'strength', met: true },
      { rule: 'not_breached', met: true },
      { rule: 'no_context_words', met: true },
      { rule: 'confirmation', met: true },
    ]);
    expect(result.canSubmit).toBe(true);
  });

  it('when the password is in the bundled list, then the item stays open, the message shows and Save waits', () => {
    const result = state('Summer2024!', 'Summer2024!', { status: 'ready', score: 2 }, RULES, 'listed');
    expect(result.checklist.find(({ rule }) => rule === 'not_breached')?.met).toBe(false);
    expect(result.warning).toEqual({ rule: 'not_breached' });
    expect(result.canSubmit).toBe(false);
  });

  it('when the list is still loading, then it is never believed clear; when it failed, the server decides', () => {
    const strong = { status: 'ready', score: 4 } as const;
    expect(state('Velvet-Orbit-42', 'Velvet-Orbit-42', strong, RULES, 'loading').canSubmit).toBe(false);
    const failed = state('Velvet-Orbit-42', 'Velvet-Orbit-42', strong, RULES, 'unavailable');
    expect([failed.canSubmit, failed.warning]).toEqual([true, null]);
  });

  it('when the password contains a context word, then the message names which and Save waits', () => {
    const result = state('Ada-Orbit-42!', 'Ada-Orbit-42!', { status: 'ready', score: 3 }, RULES, 'clear', [
      'name',
      'organisation',
    ]);
    expect(result.checklist.find(({ rule }) => rule === 'no_context_words')?.met).toBe(false);
    expect(result.warning).toEqual({ rule: 'no_context_words', kinds: ['name', 'organisation'] });
    expect(result.canSubmit).toBe(false);
  });
});

describe('meter configuration', () => {
  it('when the data attributes are present, then the rules and words are read from them', () => {
    const config = readMeterConfig({
      minLength: '12',
      maxLength: '64',
      composition: 'false',
      minScore: '3',
      userWords: '["acme"]',
      username: 'ada@example.org',
      displayName: 'Ada Lovelace',
    });
    expect(config).toEqual({
      rules: { minLength: 12, maxLength: 64, composition: false, minScore: 3 },
      userWords: ['acme'],
      owner: { username: 'ada@example.org', displayName: 'Ada Lovelace' },
      orgName: '',
      blocklistUrl: '',
    });
  });

  it('when attributes are missing or garbled, then the strict defaults apply', () => {
    expect(readMeterConfig({ minScore: '9', userWords: '{bad json', composition: 'yes' })).toEqual({
      rules: { minLength: 8, maxLength: 256, composition: true, minScore: 4 },
      userWords: [],
      owner: { username: '', displayName: '' },
      orgName: '',
      blocklistUrl: '',
    });
    expect(readMeterConfig({ userWords: '[1, "ok", null]' }).userWords).toEqual(['ok']);
  });

  it('when typed fields are present, then they win over the page owner and match the server words', () => {
    const config = readMeterConfig({
      username: 'old@example.org',
      displayName: 'Old Name',
      orgName: 'Al Noor School',
    });
    const words = collectContextWords(config, {
      username: '  Grace.Hopper@Example.org ',
      displayName: 'Grace Hopper',
    });
    expect(words).toEqual(
      expect.arrayContaining([
        { word: 'grace.hopper', kind: 'username' },
        { word: 'grace', kind: 'name' },
        { word: 'hopper', kind: 'username' },
        { word: 'example', kind: 'email_domain' },
        { word: 'noor', kind: 'organisation' },
        { word: 'resetdesk', kind: 'product' },
      ]),
    );
    expect(words.map(({ word }) => word)).not.toContain('old');
  });

  it('when the page passes a name as an extra word, then its parts are name words', () => {
    const config = readMeterConfig({ userWords: JSON.stringify(['Ada Lovelace']) });
    expect(collectContextWords(config, {})).toEqual(
      expect.arrayContaining([
        { word: 'ada', kind: 'name' },
        { word: 'lovelace', kind: 'name' },
      ]),
    );
  });
});
