import { randomInt } from 'node:crypto';

// Look-alikes (0/O, 1/l/I) are left out: this password is read off a terminal and typed by hand.
const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '-_.!@#%+=?'] as const;
const ALPHABET = CLASSES.join('');

const pick = (characters: string): string => characters[randomInt(characters.length)]!;

/**
 * A random password from crypto.randomInt (about 6 bits per character) with at least one character
 * of every composition class, so it passes the policy whatever the composition setting.
 */
export function generateDemoPassword(length = 20): string {
  const characters = CLASSES.map(pick);
  while (characters.length < length) characters.push(pick(ALPHABET));
  // Fisher–Yates, so the guaranteed characters are not always at the front.
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j]!, characters[i]!];
  }
  return characters.join('');
}
