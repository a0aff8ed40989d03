export const SECURE_ACCOUNT_REASONS = ['password_changed', 'verification'] as const;
/** The message that carried the "this wasn't me" link. */
export type SecureAccountReason = (typeof SECURE_ACCOUNT_REASONS)[number];

/** The single-use "this wasn't me" link that lets a user lock their own account. */
export interface SecureAccountToken {
  id: string;
  userId: string;
  /** SHA-256 of the link token; the token itself is never stored. */
  tokenHash: string;
  reason: SecureAccountReason;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export type NewSecureAccountToken = Pick<SecureAccountToken, 'userId' | 'tokenHash' | 'reason' | 'expiresAt'>;

/** Usable = not used and `expiresAt > now`, checked in the queries. */
export interface SecureAccountTokenRepository {
  /** Token hashes are unique: a second token with the same hash is refused (throws). */
  create(token: NewSecureAccountToken, now: Date): Promise<SecureAccountToken>;
  findUsable(tokenHash: string, now: Date): Promise<SecureAccountToken | null>;
  /** Atomic single use: of concurrent calls on a usable token exactly one returns true. */
  use(id: string, now: Date): Promise<boolean>;
  /** Deletes tokens that expired or were used before the cutoff; returns how many. */
  purgeEnded(cutoff: Date): Promise<number>;
}
