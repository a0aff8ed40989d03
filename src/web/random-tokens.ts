import { randomFillSync } from 'node:crypto';

/**
 * Every first visit needs two secrets (its session id and its CSRF token), and one call into the
 * CSPRNG per token cost more than everything else about the token: the bytes are drawn a few
 * kilobytes at a time instead, as Node does for randomUUID(). Each byte is handed out once and
 * zeroed when taken, so the pool never holds a secret already issued.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let next = POOL_BYTES;

/** `bytes` fresh random bytes (at most 4,096), encoded. */
export function randomToken(bytes: number, encoding: 'base64url' | 'hex'): string {
  if (bytes > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} random bytes at a time`);
  if (next + bytes > POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  const start = next;
  next += bytes;
  const token = pool.toString(encoding, start, next);
  pool.fill(0, start, next);
  return token;
}
