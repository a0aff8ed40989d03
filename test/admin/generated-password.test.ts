import { GENERATED_ALPHABET, GROUP_SEPARATOR, generatePassword } from '../../src/admin/generated-password';
import { loadBundledBreachedList } from '../../src/auth/breached-passwords';
import { createServerStrengthEstimator } from '../../src/auth/server-strength';
import { PROJECT_ROOT } from '../../src/project-root';
import { failedShapeRules } from '../../src/shared/password-rules';

const RULES = { minLength: 8, maxLength: 256, composition: true, minScore: 2 };
const LOOK_ALIKES = ['0', 'O', 'o', '1', 'l', 'I', 'i', '|'];
const bundled = loadBundledBreachedList(PROJECT_ROOT);
const inBreachedList = (candidate: string) => bundled.includes(candidate);

describe('generated passwords', () => {
  test('when 1,000 passwords are generated, then none holds a look-alike or is in the breached list, each is grouped by four and meets the policy', () => {
    const estimate = createServerStrengthEstimator();
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const password = generatePassword(RULES, inBreachedList);
      expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      expect(LOOK_ALIKES.filter((c) => password.includes(c))).toEqual([]);
      expect(failedShapeRules(password, RULES)).toEqual([]);
      expect(estimate(password, [])).toBeGreaterThanOrEqual(RULES.minScore);
      expect(bundled.includes(password)).toBe(false);
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
    const long = generatePassword({ ...RULES, minLength: 24 }, inBreachedList);
    expect(long.length).toBeGreaterThanOrEqual(24);
    expect(long.split(GROUP_SEPARATOR).every((group) => group.length <= 4)).toBe(true);
    const capped = generatePassword({ ...RULES, minLength: 64, maxLength: 64 }, inBreachedList);
    expect(capped.length).toBeLessThanOrEqual(64);
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
