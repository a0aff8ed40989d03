/** A POST's answer kept under its Idempotency-Key, so a retry gets the first answer instead of a second action. */
export interface IdempotencyRecord {
  /** The caller's key, already scoped to the caller (e.g. `<tokenId>:<key>`). */
  key: string;
  /** SHA-256 of what the request asked for (method, path, body): the same key with another request is refused. */
  requestHash: string;
  /** Null while the first request is still running. */
  status: number | null;
  /** The answer's JSON, stored as sent; null while running. Never holds a secret (the API sends none to keep). */
  body: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export type IdempotencyClaim = { claimed: true } | { claimed: false; record: IdempotencyRecord };

export interface IdempotencyKeyRepository {
  /**
   * Atomic across instances: of concurrent calls with one key exactly one claims it; the others get
   * the record as stored. A record whose expiresAt has passed counts as absent and is claimed anew.
   */
  claim(key: string, requestHash: string, now: Date, expiresAt: Date): Promise<IdempotencyClaim>;
  /** Stores the answer of a claimed key. */
  complete(key: string, status: number, body: string): Promise<void>;
  /** Gives up a claim whose request ended without an answer worth repeating, so a retry runs again. */
  release(key: string): Promise<void>;
  /** Deletes records expired before `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}
