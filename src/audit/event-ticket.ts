import type { AuditEvent } from '../store';

/** The help-desk ticket an admin reset was recorded under (`details.ticketRef`), or null. */
export function ticketRefOf(event: Pick<AuditEvent, 'details'>): string | null {
  const value = event.details.ticketRef;
  return typeof value === 'string' ? value : null;
}

/** Whether an admin reset's caller was verified (`details.verified`); null for events that do not say. */
export function callerVerifiedOf(event: Pick<AuditEvent, 'details'>): boolean | null {
  const value = event.details.verified;
  return typeof value === 'boolean' ? value : null;
}
