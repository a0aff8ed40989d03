import { GENERATED_ALPHABET, GROUP_SEPARATOR, generatePassword } from '../../src/admin/generated-password';
import { createServerStrengthEstimator } from '../../src/auth/server-strength';
import { failedShapeRules } from '../../src/shared/password-rules';

const RULES = { minLength: 8, maxLength: 256, composition: true, minScore: 2 };
const LOOK_ALIKES = ['0', 'O', 'o', '1', 'l', 'I', 'i', '|'];

describe('generated passwords', () => {
  test('when 1,000 passwords are generated, then none holds a look-alike, each is grouped by four and meets the policy', () => {
    const estimate = createServerStrengthEstimator();
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const password = generatePassword(RULES);
      expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      expect(LOOK_ALIKES.filter((c) => password.includes(c))).toEqual([]);
      expect(failedShapeRules(password, RULES)).toEqual([]);
      expect(estimate(password, [])).toBeGreaterThanOrEqual(RULES.minScore);
      seen.add(password);
    }
    expect(seen.size).toBe(1000);
  });

  test('when the alphabet is counted, then 16 drawn characters carry at least 80 bits', () => {
    expect(GENERATED_ALPHABET).toHaveLength(new Set(GENERATED_ALPHABET).size);
    expect(LOOK_ALIKES.filter((c) => GENERATED_ALPHABET.includes(c))).toEqual([]);
    expect(16 * Math.log2(GENERATED_ALPHABET.length)).toBeGreaterThan(90);
  });

  test('when the minimum length is above 19, then the grouped password reaches it without passing the maximum', () => {
    const long = generatePassword({ ...RULES, minLength: 24 });
    expect(long.length).toBeGreaterThanOrEqual(24);
    expect(long.split(GROUP_SEPARATOR).every((group) => group.length <= 4)).toBe(true);
    expect(generatePassword({ ...RULES, minLength: 64, maxLength: 64 }).length).toBeLessThanOrEqual(64);
  });

  test('when the random source can never satisfy the rules, then generation fails loudly instead of looping', () => {
    const onlyLetterA = { bytes: (n: number) => Buffer.alloc(n), int: () => 0 };
    expect(() => generatePassword(RULES, 16, onlyLetterA)).toThrow('could not draw');
  });
});
