import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store';

/**
 * While no user exists, a one-time token guards /setup: written to `<dataDir>/setup-token` (0600)
 * and returned for printing at start-up. Once a user exists the file is removed and null returned.
 */
export async function prepareSetupToken(store: Store, dataDir: string): Promise<string | null> {
  const file = join(dataDir, 'setup-token');
  if ((await store.users.count()) > 0) {
    rmSync(file, { force: true });
    return null;
  }
  const token = randomBytes(24).toString('base64url');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

export function setupTokenMatches(expected: string, given: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(given.trim()));
}
