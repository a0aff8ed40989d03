export type ResetPurpose = 'reset' | 'invite';

export interface ResetRequest {
  id: string;
  userId: string;
  /** SHA-256 of the link token; the token itself is never stored. */
  tokenHash: string;
  /** HMAC-SHA-256 of the code under the server pepper; the code itself is never stored. */
  codeHash: string;
  purpose: ResetPurpose;
  /** Admin user id, or null when the user asked for it. */
  requestedBy: string | null;
  ip: string;
  userAgent: string;
  /** Outbox item carrying the mail, for delivery status. */
  outboxId: string | null;
  createdAt: Date;
  expiresAt: Date;
  failedAttempts: number;
  maxAttempts: number;
  /** Set when a completion claims the request; the claim holds it until then (see `claim`). */
  consumingUntil: Date | null;
  consumedAt: Date | null;
  voidedAt: Date | null;
}

/** What a typed code is checked against: the request, its link token's hash (the code's binding), the code's HMAC. */
export type OpenCode = Pick<ResetRequest, 'id' | 'tokenHash' | 'codeHash'>;

export type NewResetRequest = Omit<
  ResetRequest,
  'id' | 'createdAt' | 'failedAttempts' | 'consumingUntil' | 'consumedAt' | 'voidedAt'
>;

/**
 * Open = not consumed, not voided, not expired, attempts left, and not held by a running claim.
 * Voiding ignores claims: a voided request must stay dead even if its claimant never finishes.
 */
export interface ResetRequestRepository {
  /**
   * Stores the request and voids the user's earlier unfinished ones, so at most one stays unfinished,
   * also when creates for one user race across instances. Returns the request as stored: already
   * voided if it lost such a race to a newer one.
   */
  create(request: NewResetRequest, now: Date): Promise<ResetRequest>;
  /** Expiry is checked here (`expiresAt > now`), never left to TTL timing. */
  findOpenByTokenHash(tokenHash: string, now: Date): Promise<ResetRequest | null>;
  /**
   * The newest open request of the user, only what checking a typed code needs (username + code
   * without the link): building a whole request costs measurably more than finding none, which that
   * path, answering alike for names with and without a request, cannot afford.
   */
  findOpenCodeByUser(userId: string, now: Date): Promise<OpenCode | null>;
  /**
   * Atomic increment, only while the request is open: N concurrent calls on a request with k
   * attempts left record exactly min(N, k). Returns attempts left, or null if it was not open.
   */
  recordFailedAttempt(id: string, now: Date): Promise<number | null>;
  /**
   * Atomic single use, without a multi-document transaction: among concurrent calls exactly one
   * returns true and holds the request until `leaseUntil`. The holder writes the password, then calls
   * `markConsumed`; if it dies in between, the request is open again once the lease has run out.
   */
  claim(id: string, now: Date, leaseUntil: Date): Promise<boolean>;
  /** Makes a claim final: the request is used for good. Idempotent. */
  markConsumed(id: string, now: Date): Promise<void>;
  /** Voids every open request of the user; returns how many. */
  voidAllForUser(userId: string, now: Date): Promise<number>;
  /** Newest first (createdAt, then id: ids are time-ordered), open or not. */
  listRecentForUser(userId: string, limit: number): Promise<ResetRequest[]>;
  /** Deletes requests that expired before the cutoff; returns how many. */
  purgeExpired(cutoff: Date): Promise<number>;
}
