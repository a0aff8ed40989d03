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

export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error && 'code' in error && (error as { code: string }).code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
