export const VERIFICATION_CHANNELS = ['email', 'sms', 'in_person'] as const;
export type VerificationChannel = (typeof VERIFICATION_CHANNELS)[number];
/** The channels that carry a code; in person there is nothing to send. */
export type CodeChannel = Exclude<VerificationChannel, 'in_person'>;

/** A help-desk agent's proof that the caller is the target user, before an admin reset. */
export interface CallerVerification {
  id: string;
  /** The user the caller claims to be. */
  targetId: string;
  /** The admin who verifies; the verification counts for this agent only. */
  agentId: string;
  channel: VerificationChannel;
  /** HMAC-SHA-256 of the code under the server pepper; null in person. The code itself is never stored. */
  codeHash: string | null;
  /** What the agent checked in person ("photo ID checked at the front desk"); null otherwise. */
  note: string | null;
  ticketRef: string | null;
  /** Outbox item carrying the code, for delivery status; null in person. */
  outboxId: string | null;
  createdAt: Date;
  /** The code is refused from this time on; null in person. */
  codeExpiresAt: Date | null;
  failedAttempts: number;
  /** 0 in person: there is no code to try. */
  maxAttempts: number;
  verifiedAt: Date | null;
  /** A verified caller stops counting at this time (VERIFICATION_TTL_MINUTES after verifiedAt). */
  validUntil: Date | null;
  /** Set by the one reset the verification allowed. */
  spentAt: Date | null;
  voidedAt: Date | null;
}

export interface NewCodeVerification {
  targetId: string;
  agentId: string;
  channel: CodeChannel;
  codeHash: string;
  ticketRef: string | null;
  outboxId: string | null;
  codeExpiresAt: Date;
  maxAttempts: number;
}

export interface NewInPersonVerification {
  targetId: string;
  agentId: string;
  note: string;
  ticketRef: string | null;
  validUntil: Date;
}

/**
 * Pending = code not yet confirmed, unexpired, attempts left, not voided. Valid = verified, unspent, not
 * voided, validUntil in the future. Live = pending or valid. Every time check is in the queries.
 * "Earlier" and "later" follow the listing order: createdAt, then id.
 */
export interface VerificationRepository {
  /**
   * Stores a pending verification and voids every earlier live one of the target, whoever the agent.
   * Atomic without a transaction: of racing creates for one target only the latest stays live (a create
   * that finds a later live one already there is returned voided).
   */
  create(verification: NewCodeVerification, now: Date): Promise<CallerVerification>;
  /** Like create, but verified at `now` and valid until `validUntil` at once. */
  createInPerson(verification: NewInPersonVerification, now: Date): Promise<CallerVerification>;
  /** The latest pending verification of the target started by this agent. */
  findPending(targetId: string, agentId: string, now: Date): Promise<CallerVerification | null>;
  /**
   * Atomic increment, only while pending: N concurrent calls on a verification with k attempts left
   * record exactly min(N, k). Returns attempts left, or null if it was not pending.
   */
  recordFailedAttempt(id: string, now: Date): Promise<number | null>;
  /**
   * Atomic: only a pending verification becomes verified, so of concurrent calls exactly one gets the
   * verified record; the others (and any call on a verification that is not pending) get null.
   */
  confirm(id: string, now: Date, validUntil: Date): Promise<CallerVerification | null>;
  /** The latest valid verification of the target made by this agent. */
  findValid(targetId: string, agentId: string, now: Date): Promise<CallerVerification | null>;
  /**
   * Atomic single use: of concurrent calls on a valid verification exactly one returns true; false for
   * one that is not valid. Spend before resetting, so two resets cannot share one verification.
   */
  spend(id: string, now: Date): Promise<boolean>;
  /** Voids every live verification of which the user is the target; returns how many. */
  voidAllForUser(userId: string, now: Date): Promise<number>;
  /** Newest first, whatever their state, of which the user is the target. */
  listRecentForUser(userId: string, limit: number): Promise<CallerVerification[]>;
  /**
   * Deletes verifications that ended before the cutoff (voided, spent, code expired unconfirmed, or
   * validity over); returns how many.
   */
  purgeEnded(cutoff: Date): Promise<number>;
}
