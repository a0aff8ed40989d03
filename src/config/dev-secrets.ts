import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_NAMES = ['SESSION_SECRET', 'TOKEN_PEPPER', 'OUTBOX_KEY'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type Secrets = Record<SecretName, string>;

/**
 * Development only: secrets missing from the environment are generated once and kept in
 * `<dataDir>/secrets.json` (mode 0600) so sessions and queued mail survive restarts.
 */
export function loadOrCreateDevSecrets(dataDir: string, given: Partial<Secrets>): Secrets {
  const file = join(dataDir, 'secrets.json');
  const stored: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets = {} as Secrets;
  const generated: Partial<Secrets> = {};
  for (const name of SECRET_NAMES) {
    const value = given[name] ?? stored[name];
    if (value) {
      secrets[name] = value;
    } else {
      secrets[name] = generated[name] = randomBytes(32).toString('base64url');
    }
  }
  if (Object.keys(generated).length > 0) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify({ ...stored, ...generated }, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return secrets;
}
