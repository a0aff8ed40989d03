import type { AuditEvent } from '../store';
import { ticketRefOf } from './event-ticket';

/**
 * The export is for other programs, not people: English column names and raw codes, ISO 8601 times in
 * UTC, the same whatever the exporting admin's language and time zone.
 */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'actorId',
  'ip',
  'action',
  'targetId',
  'outcome',
  'channel',
  'ticket_ref',
  'details',
  'hash',
] as const;

/**
 * One RFC 4180 field. Audit values come from visitors (IP, usernames in details), so a cell a spreadsheet
 * would read as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP CSV injection).
 */
export function toCsvField(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

function toCsvRecord(values: readonly (string | number | null)[]): string {
  return `${values.map((value) => toCsvField(value === null ? '' : String(value))).join(',')}\r\n`;
}

function toAuditRecord(event: AuditEvent): string {
  return toCsvRecord([
    event.seq,
    event.at.toISOString(),
    event.actorId,
    event.ip,
    event.action,
    event.targetId,
    event.outcome,
    event.channel,
    ticketRefOf(event),
    JSON.stringify(event.details),
    event.hash,
  ]);
}

/** The header record, then one record per event, as the events arrive. */
export async function* toAuditCsv(
  events: AsyncIterable<AuditEvent> | Iterable<AuditEvent>,
): AsyncGenerator<string> {
  yield toCsvRecord(AUDIT_CSV_COLUMNS);
  for await (const event of events) yield toAuditRecord(event);
}
