/** Admin pages show times in UTC, to the minute, the way the account pages do. */
export function formatUtc(at: Date | null): string {
  return at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
}
