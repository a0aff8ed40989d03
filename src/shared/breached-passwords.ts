/**
 * The bundled list of breached passwords, as one compact file that the server and the browser's
 * checklist both read (built by scripts/build-blocklist.ts). Each listed password is kept only as a
 * 32-bit hash: the file holds, for each of the 65,536 values of a hash's upper 16 bits, how many
 * entries share them, then every entry's lower 16 bits in order. About 2 bytes an entry, a lookup
 * touches one or two of them, and a password not in the list is taken for one with the chance of
 * (entries ÷ 2³²) per form checked (see docs/security.md).
 */

const MAGIC = 0x4c424452; // "RDBL", little-endian
const VERSION = 1;
const BUCKETS = 1 << 16;
const HEADER_BYTES = 12;

/**
 * The form every password and listed entry is compared in: Unicode NFKC (full-width and compatibility
 * forms fold to plain letters), then locale-independent lower case. The context-word rule uses it too.
 */
export function screeningForm(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

/** Digits, symbols and spaces around the word, as `Summer2024!` and `!Password1` add them. */
const DECORATION = /^[^\p{L}]+|[^\p{L}]+$/gu;
const MIN_CORE_LENGTH = 4;

/**
 * The forms of a password looked up in the list: the whole password, and its core without leading or
 * trailing digits and symbols (when that leaves at least 4 characters), so `Password1!` counts as the
 * listed `password`: appending a number and a symbol is the first thing a cracker tries.
 */
export function screenedForms(password: string): string[] {
  const whole = screeningForm(password);
  const core = whole.replace(DECORATION, '');
  return core !== whole && [...core].length >= MIN_CORE_LENGTH ? [whole, core] : [whole];
}

/** A 32-bit hash of a string's UTF-16 code units (two multiply-xor lanes, then a final avalanche). */
export function hashEntry(text: string): number {
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b ^= b >>> 15;
  }
  let h = (a ^ Math.imul(b, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface BreachedPasswordList {
  /** How many distinct entries the list holds. */
  readonly size: number;
  /** Whether the password, or its core, is in the list (case-insensitive, after screeningForm). */
  includes(password: string): boolean;
}

/** Encodes already-normalized entries into the file format (build time and tests). */
export function encodeBreachedList(entries: Iterable<string>): Uint8Array {
  const hashes = [...new Set([...entries].map(hashEntry))].sort((x, y) => x - y);
  const bytes = new Uint8Array(HEADER_BYTES + BUCKETS + hashes.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, hashes.length, true);
  hashes.forEach((hash, index) => {
    const bucket = HEADER_BYTES + (hash >>> 16);
    if (bytes[bucket] === 255) throw new Error('more than 255 entries share a bucket');
    bytes[bucket] = (bytes[bucket] ?? 0) + 1;
    view.setUint16(HEADER_BYTES + BUCKETS + index * 2, hash & 0xffff, true);
  });
  return bytes;
}

/** Reads the file format; throws on anything that is not a whole, current list. */
export function decodeBreachedList(data: ArrayBuffer | Uint8Array): BreachedPasswordList {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER_BYTES + BUCKETS || view.getUint32(0, true) !== MAGIC) {
    throw new Error('not a breached-password list');
  }
  if (view.getUint32(4, true) !== VERSION) throw new Error('unknown breached-password list version');
  const size = view.getUint32(8, true);
  if (bytes.byteLength !== HEADER_BYTES + BUCKETS + size * 2)
    throw new Error('truncated breached-password list');
  const starts = new Uint32Array(BUCKETS + 1);
  for (let bucket = 0; bucket < BUCKETS; bucket++) {
    starts[bucket + 1] = starts[bucket]! + bytes[HEADER_BYTES + bucket]!;
  }
  if (starts[BUCKETS] !== size) throw new Error('corrupt breached-password list');
  const lows = new Uint16Array(size);
  for (let index = 0; index < size; index++) {
    lows[index] = view.getUint16(HEADER_BYTES + BUCKETS + index * 2, true);
  }
  function holds(entry: string): boolean {
    const hash = hashEntry(entry);
    const low = hash & 0xffff;
    for (let index = starts[hash >>> 16]!; index < starts[(hash >>> 16) + 1]!; index++) {
      if (lows[index] === low) return true;
    }
    return false;
  }
  return { size, includes: (password) => screenedForms(password).some(holds) };
}
