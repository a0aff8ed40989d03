import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export interface RandomSource {
  bytes(size: number): Buffer;
  /** Uniform integer in [0, max). */
  int(max: number): number;
}

export const cryptoRandom: RandomSource = { bytes: randomBytes, int: (max) => randomInt(0, max) };

export interface IssuedSecrets {
  /** Goes into the emailed link only. */
  token: string;
  /** Goes into the email only. */
  code: string;
  tokenHash: string;
  codeHash: string;
}

/** SHA-256 is enough for the link token: it carries 256 random bits, so there is nothing to brute-force. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const CODE_PATTERN = /^\d{6}$/;

/** Uniform over 000000–999999. */
export function newSixDigitCode(random: RandomSource = cryptoRandom): string {
  return String(random.int(1_000_000)).padStart(6, '0');
}

/**
 * Six digits are guessable offline, so a code is stored as an HMAC under a server-side pepper and bound
 * to what it unlocks (`binding`), so a code can never be replayed against anything else.
 */
export function createCodeHmac(pepper: string) {
  const hash = (code: string, binding: string) =>
    createHmac('sha256', pepper).update(`${binding}:${code}`).digest('hex');
  return {
    hash,
    /** Constant time; false for anything that is not exactly six digits. */
    matches(code: string, binding: string, storedHash: string): boolean {
      const candidate = Buffer.from(hash(CODE_PATTERN.test(code) ? code : '', binding), 'hex');
      return timingSafeEqual(candidate, Buffer.from(storedHash, 'hex')) && CODE_PATTERN.test(code);
    },
  };
}

/** A reset code is bound to its own request (the link token's hash). */
export function createResetSecrets(pepper: string, random: RandomSource = cryptoRandom) {
  const codeHmac = createCodeHmac(pepper);

  return {
    issue(): IssuedSecrets {
      const token = random.bytes(32).toString('base64url');
      const code = newSixDigitCode(random);
      const tokenHash = hashLinkToken(token);
      return { token, code, tokenHash, codeHash: codeHmac.hash(code, tokenHash) };
    },
    /**
     * The stand-in account id for a username that gets no mail: the same name always maps to the
     * same id (as a real account would), and the pepper keeps the name out of the stored id.
     */
    standInUserId(normalizedUsername: string): string {
      return `decoy:${createHmac('sha256', pepper).update(`decoy:${normalizedUsername}`).digest('base64url')}`;
    },
    /** Constant time; false for anything that is not exactly six digits. */
    codeMatches(code: string, request: { tokenHash: string; codeHash: string }): boolean {
      return codeHmac.matches(code, request.tokenHash, request.codeHash);
    },
  };
}

export type ResetSecrets = ReturnType<typeof createResetSecrets>;
