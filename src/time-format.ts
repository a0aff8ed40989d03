import { plural } from './plural';
import { MINUTE } from './time';

/** Pages and mails show times in UTC, to the minute. */
export function formatUtc(at: Date | null): string {
  return at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
}

/** Reset links live minutes, invitations days: "15 minutes", "36 hours", "3 days". */
export function describeDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (minutes < 120) return plural(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  return hours >= 48 && hours % 24 === 0 ? plural(hours / 24, 'day') : plural(hours, 'hour');
}
