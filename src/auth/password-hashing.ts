import argon2, { type HashOptions } from 'argon2';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createConcurrencyLimit } from './concurrency-limit';

export interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * Passwords are hashed and compared in Unicode NFC: "é" typed as one code point or as "e" plus a
 * combining accent (as some keyboards and systems send it) is the same password.
 */
export function passwordForm(password: string): string {
  return password.normalize('NFC');
}

/** argon2's own default salt length. */
const SALT_BYTES = 16;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a malformed or missing hash; never throws for those. */
  verify(hash: string | null, password: string): Promise<boolean>;
  needsRehash(hash: string): boolean;
}

/**
 * Each argon2 call holds memoryCost KiB (19 MiB by default) on a libuv thread. Without a bound, four
 * run at once (libuv's pool) on however many cores there are: more memory, no more throughput. At
 * most one per core runs; the others wait their turn in order.
 */
export function createPasswordHasher(
  parameters: Argon2Parameters,
  maxConcurrent = availableParallelism(),
): PasswordHasher {
  const options: HashOptions = { type: argon2.argon2id, ...parameters };
  const limit = createConcurrencyLimit(maxConcurrent);
  // Verifying against this when there is no account keeps sign-in time the same for unknown users.
  const decoy = argon2.hash('resetdesk-decoy-password', options);

  async function matches(stored: string, password: string): Promise<boolean> {
    try {
      return await limit(() => argon2.verify(stored, password));
    } catch {
      return false;
    }
  }

  return {
    // The salt is drawn here, synchronously (a microsecond): argon2 draws its own on the thread pool,
    // a round trip through the event loop while this call holds its slot and its thread waits.
    hash: (password) =>
      limit(() => argon2.hash(passwordForm(password), { ...options, salt: randomBytes(SALT_BYTES) })),
    async verify(hash, password) {
      const stored = hash ?? (await decoy);
      const normalized = passwordForm(password);
      if (await matches(stored, normalized)) return true;
      // Hashes set before passwords were normalised hold the password as it was typed.
      return normalized !== password && (await matches(stored, password));
    },
    needsRehash: (hash) => argon2.needsRehash(hash, options),
  };
}
