export interface RateCount {
  count: number;
  resetAt: Date;
}

export interface RateLimitRepository {
  /**
   * Atomic increment-and-get in a fixed window that starts at the first hit and lasts windowMs;
   * shared by every app instance on the store.
   */
  hit(key: string, windowMs: number, now: Date): Promise<RateCount>;
  /** Hits in the current window without adding one; 0 when the window is over or never started. */
  count(key: string, now: Date): Promise<number>;
  /** Atomic; never goes below zero. */
  undo(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
}
