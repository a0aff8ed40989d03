import { randomFillSync } from 'node:crypto';

/*
 * Record ids are UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, a 42-bit counter (rand_a
 * and the top 30 bits of rand_b, the "fixed-length dedicated counter" of §6.2 method 1), the variant,
 * and 32 random bits. They sort by creation time as plain strings in both adapters, and ids made by one
 * process in one millisecond still sort in creation order. They take the real time, not the injected
 * Clock: an id only orders records, it never decides an expiry.
 */

export interface IdSources {
  /** Unix milliseconds. */
  now(): number;
  fillRandom(bytes: Buffer): void;
}

const COUNTER_LIMIT = 2 ** 42;
const COUNTER_LOW_LIMIT = 2 ** 30;
const SEED_BYTES = 6;
const TAIL_BYTES = 4;
const RANDOM_BYTES_PER_ID = SEED_BYTES + TAIL_BYTES;
/** One call into the random source costs microseconds, so it fills bytes for many ids at once. */
const POOLED_IDS = 256;

/** A fresh random start each millisecond leaves on average 2^41 steps before the counter runs out. */
function seedCounter(random: Buffer): number {
  return random.readUIntBE(0, SEED_BYTES) % COUNTER_LIMIT;
}

function formatUuid(bytes: Buffer, ms: number, counter: number, random: Buffer): string {
  bytes.writeUIntBE(ms, 0, 6);
  bytes.writeUInt16BE(0x7000 | Math.floor(counter / COUNTER_LOW_LIMIT), 6);
  bytes.writeUInt32BE((0x80000000 | (counter % COUNTER_LOW_LIMIT)) >>> 0, 8);
  random.copy(bytes, 12, SEED_BYTES, SEED_BYTES + TAIL_BYTES);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Each generator keeps its own last timestamp and counter: one per process keeps that process's ids in order. */
export function createIdGenerator(sources: IdSources): () => string {
  const pool = Buffer.alloc(POOLED_IDS * RANDOM_BYTES_PER_ID);
  let poolOffset = pool.length;
  const bytes = Buffer.alloc(16);
  let lastMs = -1;
  let counter = 0;

  function nextRandom(): Buffer {
    if (poolOffset === pool.length) {
      sources.fillRandom(pool);
      poolOffset = 0;
    }
    poolOffset += RANDOM_BYTES_PER_ID;
    return pool.subarray(poolOffset - RANDOM_BYTES_PER_ID, poolOffset);
  }

  return () => {
    const random = nextRandom();
    const now = sources.now();
    if (now > lastMs) {
      lastMs = now;
      counter = seedCounter(random);
    } else if (counter + 1 < COUNTER_LIMIT) {
      // Same millisecond, or the clock stepped back: keep the last timestamp so ids never go backwards.
      counter += 1;
    } else {
      // Counter exhausted: borrow the next millisecond (RFC 9562 §6.2), the clock will catch up.
      lastMs += 1;
      counter = seedCounter(random);
    }
    return formatUuid(bytes, lastMs, counter, random);
  };
}

export const newId = createIdGenerator({ now: Date.now, fillRandom: (bytes) => randomFillSync(bytes) });
