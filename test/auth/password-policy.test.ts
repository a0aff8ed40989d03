import { createPasswordHasher, type PasswordHasher } from '../../src/auth/password-hashing';
import { createPasswordPolicy, type PasswordOwner } from '../../src/auth/password-policy';
import type { PasswordRulesConfig } from '../../src/shared/password-rules';
import { BREACHED_SAMPLES, COMPOSED_ENTRIES, DECORATED_ENTRIES } from '../support/breached-samples';
import { createServerStrengthEstimator } from '../../src/auth/server-strength';
import { loadBundledBreachedList } from '../../src/auth/breached-passwords';
import { createBreachCorpus } from '../../src/auth/breach-corpus';
import { PROJECT_ROOT } from '../../src/project-root';
import { localized } from '../support/i18n';

const RULES: PasswordRulesConfig = { minLength: 8, maxLength: 256, composition: true, minScore: 2 };
const STRONG = 'Velvet-Orbit-42-Canyon!';
const estimate = createServerStrengthEstimator();
const estimateStrength = async (password: string, words: string[], languages: ('ar' | 'ja')[]) =>
  estimate(password, words, languages);
const english = localized('en');
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

// The real bundled list, as the build wrote it (npm run build).
const bundled = loadBundledBreachedList(PROJECT_ROOT);
const breachCorpus = createBreachCorpus({ source: null, minCount: 1, clock: () => new Date() });

function policy(rules: Partial<PasswordRulesConfig> = {}, hasher: PasswordHasher = realHasher) {
  return createPasswordPolicy({
    rules: { ...RULES, ...rules },
    historySize: 5,
    hasher,
    estimateStrength,
    bundledBreachedList: () => bundled,
    breachCorpus,
    orgName: 'Al Noor International School',
  });
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
      'not_breached',
    ]);
    expect(verdict.failures[0]!.message(english)).toBe('Use at least 8 characters.');
  });

  test('when the password is common, then strength fails even though composition passes', async () => {
    expect(await failedRules('Password1!')).toEqual(['strength', 'not_breached']);
  });

  test('when the password is in the bundled breached list, then it is refused with the breached message', async () => {
    for (const password of BREACHED_SAMPLES) {
      const verdict = await policy().check(password, password, ada);
      expect(verdict.ok ? [] : verdict.failures.map((f) => f.message(english))).toContainEqual(
        expect.stringContaining('This password appears in lists of breached passwords'),
      );
    }
    // Composition and zxcvbn pass for these: only the list refuses them.
    for (const password of [...COMPOSED_ENTRIES, ...DECORATED_ENTRIES, 'Summer2024!']) {
      expect(await failedRules(password)).toEqual(['not_breached']);
    }
  });

  test('when the list is checked, then case and compatibility forms do not matter and a core counts', async () => {
    expect(bundled.includes('PASSWORD')).toBe(true);
    expect(bundled.includes('ＰＡＳＳＷＯＲＤ')).toBe(true);
    expect(bundled.includes('!!Sunshine2024??')).toBe(true);
    expect(bundled.includes(STRONG)).toBe(false);
  });

  test('when a common password is spelled in l33t, then strength still fails', async () => {
    for (const password of ['P@$$w0rd1!', 'L3tm3In!2', 'Qw3rty!23', 'Sunsh1n3!!']) {
      expect(await failedRules(password)).toEqual(['strength']);
    }
  });

  test("when the password is built from the user's name or the product name, then it is too guessable", async () => {
    const stranger = { ...ada, username: 'grace@example.org', displayName: 'Grace Hopper' };
    expect(await failedRules('Ada.Lovelace!2', undefined, stranger)).toEqual([]);
    expect(await failedRules('Ada.Lovelace!2')).toEqual(['strength', 'no_context_words']);
    expect(await failedRules('Resetdesk1!', undefined, stranger)).toEqual(['strength', 'no_context_words']);
  });

  test('when the password contains a context word, then the message says which', async () => {
    const owner = { ...ada, username: 'jsmith.ops@noor-school.example', nationalId: '1098765432' };
    const message = async (password: string) => {
      const verdict = await policy().check(password, password, owner);
      return verdict.ok
        ? undefined
        : verdict.failures.find((f) => f.rule === 'no_context_words')?.message(english);
    };
    expect(await message('Velvet-LOVELACE-42!')).toBe(
      'It contains your name: leave it out, attackers try such words first.',
    );
    expect(await message('Velvet-Jsmith-42-Canyon!')).toContain('your username');
    expect(await message('Velvet-Noor-School-42!')).toContain('your email address’s domain');
    expect(await message('Velvet-International-42!')).toContain('the organisation’s name');
    expect(await message('Velvet-1098765432-Canyon!')).toContain('your national ID number');
    expect(await message('Ada-Noor-Orbit-42!')).toBe(
      'It contains your email address’s domain and the organisation’s name: leave them out, attackers try such words first.',
    );
    // Parts under 4 characters are left to zxcvbn: "Ada" alone is no rule breach.
    expect(await message('Ada-Velvet-Orbit-42!')).toBeUndefined();
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

  test('when the page or the person is Arabic or Japanese, then their names and words count as guessable too', async () => {
    // A common Arabic name and a Japanese word, which the English dictionaries do not know.
    const rules = { minScore: 3 };
    const arabic = 'Abdul-Aziz1990!';
    expect(await failedRules(arabic, arabic, ada, rules)).toEqual([]);
    expect(await policy(rules).check(arabic, arabic, ada, 'ar')).toMatchObject({
      ok: false,
      failures: [{ rule: 'strength' }],
    });
    expect(await failedRules(arabic, arabic, { ...ada, locale: 'ar' }, rules)).toEqual(['strength']);
    const japanese = 'Aozora-88!';
    expect(await failedRules(japanese, japanese, ada, rules)).toEqual([]);
    expect(await failedRules(japanese, japanese, { ...ada, locale: 'ja' }, rules)).toEqual(['strength']);
  });

  test('when the reader is Arabic or Japanese, then the refusal is in their language', async () => {
    const owner = { ...ada, username: 'a.l@example.org' };
    const verdict = await policy().check('OrbitCanyonLovelace42Velvet', 'OrbitCanyonLovelace42', owner);
    if (verdict.ok) throw new Error('expected a refusal');
    const messages = (locale: string) =>
      verdict.failures.map((failure) => failure.message(localized(locale)));
    expect(messages('en')).toEqual([
      'Add a symbol or a space.',
      'The two passwords do not match.',
      'It contains your name: leave it out, attackers try such words first.',
    ]);
    expect(messages('ar')).toEqual([
      'يُرجى إضافة رمز أو مسافة.',
      'كلمتا المرور غير متطابقتين.',
      'تتضمن كلمة المرور اسمك: يُرجى حذفه منها، إذ يبدأ المهاجمون بتجربة مثل هذه الكلمات.',
    ]);
    expect(messages('ja')).toEqual([
      '記号またはスペースを加えてください。',
      '2つのパスワードが一致しません。',
      'パスワードにお名前が含まれています。攻撃者はこうした語句から試すため、含めないでください。',
    ]);
  });

  test('when a password is typed composed in one field and decomposed in the other, then they match', async () => {
    const composed = 'Caf\u00e9-Orbit-42-Canyon!';
    const decomposed = 'Cafe\u0301-Orbit-42-Canyon!';
    expect(composed).not.toBe(decomposed);
    expect(await failedRules(composed, decomposed)).toEqual([]);
  });

  test('when a recent password comes back in the other Unicode form, then it is still recognised', async () => {
    const owner = { ...ada, passwordHash: await realHasher.hash('Cafe\u0301-Orbit-42-Canyon!') };
    expect(await failedRules('Caf\u00e9-Orbit-42-Canyon!', undefined, owner)).toEqual(['not_current']);
  });
});
