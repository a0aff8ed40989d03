import { contextWords, strengthInputs } from '../../src/shared/context-words';
import { createStrengthEstimator } from '../../src/shared/password-strength';
import { createServerStrengthEstimator } from '../../src/auth/server-strength';
import { dictionaryOptions } from '../../src/client/dictionaries';

const words = strengthInputs(contextWords({ username: 'ada@example.org', displayName: 'Ada Lovelace' }));

const ENGLISH_SAMPLES = [
  'password',
  'Password1!',
  'Lovelace1815!',
  'qwertyuiop',
  'Summer2024!',
  'correct horse battery staple',
  'Velvet-Orbit-42-Canyon!',
  'ResetDesk2024!',
  'zxcvbnm,./',
  'Tr0ub4dor&3',
];

/** Names and words of each language's lists, as people write them into passwords, and some that are not. */
const LANGUAGE_SAMPLES = {
  ar: ['abdul-aziz1990', 'Mohammed@2024', 'abboud-almasi', 'Fatima!Zahra7', 'مرحبا بالعالم 2024'],
  ja: ['sakura2024!', 'anata-no-namae', 'Tanaka.Hiroshi1', 'aozora88', 'パスワード１２３'],
} as const;

describe('browser dictionaries', () => {
  const server = createServerStrengthEstimator();

  it('when the browser and the server score the same passwords on an English page, then they agree', async () => {
    const browser = createStrengthEstimator(await dictionaryOptions('en'));
    expect(ENGLISH_SAMPLES.map((password) => browser(password, words))).toEqual(
      ENGLISH_SAMPLES.map((password) => server(password, words, [])),
    );
  });

  it.each(['ar', 'ja'] as const)(
    'when the browser and the server score the same passwords on a %s page, then they agree',
    async (language) => {
      const browser = createStrengthEstimator(await dictionaryOptions(language));
      const samples = [...ENGLISH_SAMPLES, ...LANGUAGE_SAMPLES[language]];
      expect(samples.map((password) => browser(password, words))).toEqual(
        samples.map((password) => server(password, words, [language])),
      );
    },
  );

  it.each([
    ['ar', 'abdul-aziz1990'],
    ['ja', 'aozora88'],
  ] as const)(
    'when a %s page scores %s, then its own dictionaries make it weaker than English alone does',
    async (language, password) => {
      const english = createStrengthEstimator(await dictionaryOptions('en'));
      const own = createStrengthEstimator(await dictionaryOptions(language));
      expect(own(password, [])).toBeLessThan(english(password, []));
      expect(server(password, [], [language])).toBeLessThan(server(password, [], []));
    },
  );
});
