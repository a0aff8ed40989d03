/**
 * Passwords the bundled breached-password list must refuse (see docs/security.md). The first four are
 * the issue's; the rest are entries of the list's top 100,000 as written there, including every entry
 * of it that meets the composition rules and scores "Acceptable" or better with zxcvbn, and listed
 * words decorated the way users meet composition rules (a capital, a year, a symbol).
 */
export const ISSUE_SAMPLES = ['password', 'Password1!', 'Summer2024!', 'Qwerty123!'];

/** In the list as they are, and passing composition and zxcvbn ≥ 2: only the list refuses them. */
export const COMPOSED_ENTRIES = [
  '1qaz@WSX',
  'ZAQ!2wsx',
  '!QAZxsw2',
  'NICK1234-rem936',
  'xxPa33bq.aDNA',
  '!QAZ1qaz',
  'Jhon@ta2011',
  'Nloq_010101',
  '1qazZAQ!',
];

/** Listed words with a capital, a year and a symbol: composition and zxcvbn ≥ 2 pass, the list does not. */
export const DECORATED_ENTRIES = [
  'Johnny2024!',
  'Midnight2024!',
  'Chicago2024!',
  'Knight2024!',
  'Player2024!',
];

/** Plain entries of the list (they also fail composition). */
export const PLAIN_ENTRIES = ['iloveyou', 'trustno1', 'sunshine', 'princess', 'football', 'superman'];

export const BREACHED_SAMPLES = [
  ...ISSUE_SAMPLES,
  ...COMPOSED_ENTRIES,
  ...DECORATED_ENTRIES,
  ...PLAIN_ENTRIES,
];
