import { createPasswordHasher, type PasswordHasher } from '../../src/auth/password-hashing';
import { createPasswordPolicy, type PasswordOwner } from '../../src/auth/password-policy';
import type { PasswordRulesConfig } from '../../src/shared/password-rules';
import { createServerStrengthEstimator } from '../../src/auth/server-strength';

const RULES: PasswordRulesConfig = { minLength: 8, maxLength: 256, composition: true, minScore: 2 };
const STRONG = 'Velvet-Orbit-42-Canyon!';
const estimate = createServerStrengthEstimator();
const estimateStrength = async (password: string, words: string[]) => estimate(password, words);
const realHasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

function countingHasher(): PasswordHasher & { calls: number } {
  const counter = {
    calls: 0,
    hash: realHasher.hash,
    needsRehash: realHasher.needsRehash,
    async verify(hash: string | null, password: string) {
      counter.calls += 1;
      return realHasher.verify(hash, password);
    },
  };
  return counter;
}

function policy(rules: Partial<PasswordRulesConfig> = {}, hasher: PasswordHasher = realHasher) {
  return createPasswordPolicy({ rules: { ...RULES, ...rules }, historySize: 5, hasher, estimateStrength });
}

const ada: PasswordOwner = {
  username: 'ada.lovelace@example.org',
  displayName: 'Ada Lovelace',
  passwordHash: null,
  passwordHistory: [],
};

const failedRules = async (password: string, confirmation = password, owner = ada, rules = {}) => {
  const verdict = await policy(rules).check(password, confirmation, owner);
  return verdict.ok ? [] : verdict.failures.map((failure) => failure.rule);
};

describe('password policy', () => {
  test('when the password is long, varied and unguessable, then it passes', async () => {
    expect(await policy().check(STRONG, STRONG, ada)).toEqual({ ok: true });
  });

  test('when several rules fail, then every one is reported with a message', async () => {
    const verdict = await policy().check('abc', 'abd', ada);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.failures.map((f) => f.rule)).toEqual([
      'length_min',
      'uppercase',
      'digit',
      'symbol',
      'confirmation',
      'strength',
    ]);
    expect(verdict.failures[0]!.message).toBe('Use at least 8 characters.');
  });

  test('when the password is common, then strength fails even though composition passes', async () => {
    expect(await failedRules('Password1!')).toEqual(['strength']);
  });

  test('when a common password is spelled in l33t, then strength still fails', async () => {
    for (const password of ['P@$$w0rd1!', 'L3tm3In!2', 'Qw3rty!23', 'Sunsh1n3!!']) {
      expect(await failedRules(password)).toEqual(['strength']);
    }
  });

  test("when the password is built from the user's name or the product name, then it is too guessable", async () => {
    const stranger = { ...ada, username: 'grace@example.org', displayName: 'Grace Hopper' };
    expect(await failedRules('Ada.Lovelace!2', undefined, stranger)).toEqual([]);
    expect(await failedRules('Ada.Lovelace!2')).toEqual(['strength']);
    expect(await failedRules('Resetdesk1!', undefined, stranger)).toEqual(['strength']);
  });

  test('when the password is over 256 characters, then it is refused before any hashing', async () => {
    const hasher = countingHasher();
    const owner = { ...ada, passwordHash: await realHasher.hash(STRONG) };
    const tooLong = `${STRONG}${'x'.repeat(257 - STRONG.length)}`;
    const verdict = await policy({}, hasher).check(tooLong, tooLong, owner);
    expect(verdict.ok ? [] : verdict.failures.map((f) => f.rule)).toEqual(['length_max']);
    expect(hasher.calls).toBe(0);
  });

  test('when length counts emoji, then one emoji is one character and spaces count', async () => {
    expect(await failedRules('Aa1 🦊🦊🦊🦊', undefined, ada, { minLength: 8, minScore: 0 })).toEqual([]);
    expect(await failedRules('Aa1 🦊🦊🦊', undefined, ada, { minLength: 8, minScore: 0 })).toEqual([
      'length_min',
    ]);
  });

  test('when composition is off, then a long passphrase of lower-case words is enough', async () => {
    expect(await failedRules('quiet lantern marble orchard', undefined, ada, { composition: false })).toEqual(
      [],
    );
    expect(await failedRules('quiet lantern marble orchard')).toEqual(['uppercase', 'digit']);
  });

  test('when the password is the current one or a recent one, then it is refused', async () => {
    const recent = 'Amber-Fjord-77-Tulip!';
    const owner = {
      ...ada,
      passwordHash: await realHasher.hash(STRONG),
      passwordHistory: [await realHasher.hash(recent)],
    };
    expect(await failedRules(STRONG, STRONG, owner)).toEqual(['not_current']);
    expect(await failedRules(recent, recent, owner)).toEqual(['not_recent']);
    expect(await failedRules('Brisk-Meadow-19-Falcon?', undefined, owner)).toEqual([]);
  });
});
