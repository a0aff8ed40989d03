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

/**
 * Six digits are guessable offline, so the code is stored as an HMAC under a server-side pepper and
 * bound to its own request (the token hash), so a code can never be replayed against another request.
 */
export function createResetSecrets(pepper: string, random: RandomSource = cryptoRandom) {
  const hashCode = (code: string, tokenHash: string) =>
    createHmac('sha256', pepper).update(`${tokenHash}:${code}`).digest('hex');

  return {
    issue(): IssuedSecrets {
      const token = random.bytes(32).toString('base64url');
      const code = String(random.int(1_000_000)).padStart(6, '0');
      const tokenHash = hashLinkToken(token);
      return { token, code, tokenHash, codeHash: hashCode(code, tokenHash) };
    },
    /**
     * The stand-in account id for a username that gets no mail: the same name always maps to the
     * same id (as a real account would), and the pepper keeps the name out of the stored id.
     */
    decoyUserId(normalizedUsername: string): string {
      return `decoy:${createHmac('sha256', pepper).update(`decoy:${normalizedUsername}`).digest('base64url')}`;
    },
    /** Constant time; false for anything that is not exactly six digits. */
    codeMatches(code: string, request: { tokenHash: string; codeHash: string }): boolean {
      const candidate = Buffer.from(hashCode(CODE_PATTERN.test(code) ? code : '', request.tokenHash), 'hex');
      return timingSafeEqual(candidate, Buffer.from(request.codeHash, 'hex')) && CODE_PATTERN.test(code);
    },
  };
}

export type ResetSecrets = ReturnType<typeof createResetSecrets>;
