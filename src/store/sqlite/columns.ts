/** SQLite has no date type: times are stored as epoch milliseconds. */
export function toMillis(date: Date): number;
export function toMillis(date: Date | null): number | null;
export function toMillis(date: Date | null): number | null {
  return date === null ? null : date.getTime();
}

export function toDate(millis: number): Date;
export function toDate(millis: number | null): Date | null;
export function toDate(millis: number | null): Date | null {
  return millis === null ? null : new Date(millis);
}

/** Checked by code, not `instanceof`: the native module may hand back an Error from another realm. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
