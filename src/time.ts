/** Durations in milliseconds, the unit of every expiry, lifetime and window in ResetDesk. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
