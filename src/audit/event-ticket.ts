import type { AuditEvent } from '../store';

/** The help-desk ticket an admin reset was recorded under (`details.ticketRef`), or null. */
export function ticketRefOf(event: Pick<AuditEvent, 'details'>): string | null {
  const value = event.details.ticketRef;
  return typeof value === 'string' ? value : null;
}
