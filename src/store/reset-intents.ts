/**
 * A self-service reset asked for but not yet looked at: POST /forgot stores one and answers, and a
 * worker resolves it off the request path (see reset/resolve-reset-intent.ts).
 */
export interface ResetIntent {
  id: string;
  /** The normalised username, sealed (AES-GCM): it is personal data, whoever typed it. */
  sealedUsername: string;
  ip: string;
  userAgent: string;
  createdAt: Date;
  /** Claims so far, this one included. */
  attempts: number;
}

export interface NewResetIntent {
  sealedUsername: string;
  ip: string;
  userAgent: string;
}

export interface ResetIntentRepository {
  /** One insert, nothing else; returns the new intent's id. */
  add(intent: NewResetIntent, now: Date): Promise<string>;
  /**
   * Leases up to `limit` intents whose lease is free at `now` (never leased, or run out), oldest
   * first, for leaseMs, counting an attempt on each. An intent is held by exactly one caller, across
   * store instances, until its lease runs out.
   */
  claim(now: Date, limit: number, leaseMs: number): Promise<ResetIntent[]>;
  /** Deletes a resolved intent; an id already gone is no error. */
  remove(id: string): Promise<void>;
  /** Intents waiting or being resolved. */
  count(): Promise<number>;
}
