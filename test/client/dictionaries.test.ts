import { contextWords, strengthInputs } from '../../src/shared/context-words';
import { createStrengthEstimator } from '../../src/shared/password-strength';
import { createServerStrengthEstimator } from '../../src/auth/server-strength';
import { dictionaryOptions } from '../../src/client/dictionaries';

describe('browser dictionaries', () => {
  it('when the browser and the server score the same passwords, then they agree', () => {
    const browser = createStrengthEstimator(dictionaryOptions);
    const server = createServerStrengthEstimator();
    const words = strengthInputs(contextWords({ username: 'ada@example.org', displayName: 'Ada Lovelace' }));
    const samples = [
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
    expect(samples.map((password) => browser(password, words))).toEqual(
      samples.map((password) => server(password, words)),
    );
  });
});
