import { GENERATED_ALPHABET, generatePassword } from '../../src/admin/generated-password';
import { createServerStrengthEstimator } from '../../src/auth/server-strength';

const RULES = { minLength: 8, maxLength: 256, composition: true, minScore: 2 };

describe('generated passwords', () => {
  test('when passwords are generated, then each has 16+ characters from a 60+ symbol alphabet and meets every rule', () => {
    expect(new Set(GENERATED_ALPHABET).size).toBeGreaterThanOrEqual(60);
    const estimate = createServerStrengthEstimator();
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(RULES);
      expect(password).toHaveLength(16);
      expect([...password].every((c) => GENERATED_ALPHABET.includes(c))).toBe(true);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/\d/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
      seen.add(password);
      if (i < 20) expect(estimate(password, [])).toBeGreaterThanOrEqual(3);
    }
    expect(seen.size).toBe(200);
  });

  test('when the minimum length is above 16, then the password follows it', () => {
    expect(generatePassword({ ...RULES, minLength: 24 })).toHaveLength(24);
  });

  test('when the random source can never satisfy the rules, then generation fails loudly instead of looping', () => {
    const onlyLetterA = { bytes: (n: number) => Buffer.alloc(n), int: () => 0 };
    expect(() => generatePassword(RULES, 16, onlyLetterA)).toThrow('could not draw');
  });
});
