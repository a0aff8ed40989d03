import { GENERATED_ALPHABET, generatePassword } from '../../src/admin/generated-password';
import { loadBundledBreachedList } from '../../src/auth/breached-passwords';
import { createServerStrengthEstimator } from '../../src/auth/server-strength';
import { PROJECT_ROOT } from '../../src/project-root';

const RULES = { minLength: 8, maxLength: 256, composition: true, minScore: 2 };
const bundled = loadBundledBreachedList(PROJECT_ROOT);
const inBreachedList = (candidate: string) => bundled.includes(candidate);

describe('generated passwords', () => {
  test('when passwords are generated, then each has 16+ characters from a 60+ symbol alphabet and meets every rule', () => {
    expect(new Set(GENERATED_ALPHABET).size).toBeGreaterThanOrEqual(60);
    const estimate = createServerStrengthEstimator();
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(RULES, inBreachedList);
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
    expect(generatePassword({ ...RULES, minLength: 24 }, inBreachedList)).toHaveLength(24);
  });

  test('when 1,000 temporary passwords are generated, then none is in the bundled breached list', () => {
    const passwords = Array.from({ length: 1000 }, () => generatePassword(RULES, inBreachedList));
    expect(passwords.filter((password) => bundled.includes(password))).toEqual([]);
    expect(new Set(passwords).size).toBe(1000);
  });

  test('when a draw is in the breached list, then it is drawn again', () => {
    const refused: string[] = [];
    const listsFirstTwo = (candidate: string) => refused.length < 2 && refused.push(candidate) > 0;
    const password = generatePassword(RULES, listsFirstTwo);
    expect(refused).toHaveLength(2);
    expect(refused).not.toContain(password);
  });

  test('when the random source can never satisfy the rules, then generation fails loudly instead of looping', () => {
    const onlyLetterA = { bytes: (n: number) => Buffer.alloc(n), int: () => 0 };
    expect(() => generatePassword(RULES, inBreachedList, 16, onlyLetterA)).toThrow('could not draw');
  });
});
