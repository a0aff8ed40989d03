import { MINUTE } from '../time';

const DAY = 24 * 60 * MINUTE;

/** Dates, durations and counts in one locale and time zone, through `Intl`. */
export interface DateFormats {
  /** "6 Dec 2026, 21:40 GMT+3": the moment, with the zone it is shown in; "—" for none. */
  formatDateTime(at: Date | null): string;
  /** The time alone while it falls on the same local day as `now`, else with its date. */
  formatDeadline(at: Date, now: Date): string;
  /** Reset links live minutes, invitations days: "15 minutes", "36 hours", "3 days". */
  formatDuration(ms: number): string;
  /** "today", "yesterday", "12 days ago": how old a date is, for a person. */
  formatAge(at: Date, now: Date): string;
  formatNumber(value: number): string;
}

function unitFormat(locale: string, unit: 'minute' | 'hour' | 'day'): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' });
}

export function createDateFormats(locale: string, timeZone: string): DateFormats {
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const zoneName = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
  const timeOnly = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const dayKey = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const minutes = unitFormat(locale, 'minute');
  const hours = unitFormat(locale, 'hour');
  const days = unitFormat(locale, 'day');
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const numbers = new Intl.NumberFormat(locale);
  const zoneOf = (at: Date) =>
    zoneName.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? timeZone;

  return {
    formatDateTime: (at) => (at ? `${dateTime.format(at)} ${zoneOf(at)}` : '—'),
    formatDeadline: (at, now) =>
      dayKey.format(at) === dayKey.format(now)
        ? `${timeOnly.format(at)} ${zoneOf(at)}`
        : `${dateTime.format(at)} ${zoneOf(at)}`,
    formatDuration(ms) {
      const count = Math.max(1, Math.round(ms / MINUTE));
      if (count < 120) return minutes.format(count);
      const hourCount = Math.round(count / 60);
      return hourCount >= 48 && hourCount % 24 === 0 ? days.format(hourCount / 24) : hours.format(hourCount);
    },
    formatAge: (at, now) =>
      relative.format(-Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY)), 'day'),
    formatNumber: (value) => numbers.format(value),
  };
}
