import type { Clock } from '../clock';
import type { RequestContext } from '../request-context';
import type { AuditDetails, AuditRepository } from '../store';
import type { AuditAction } from './audit-actions';

export interface AuditEntry {
  action: AuditAction;
  actorId: string | null;
  targetId: string | null;
  outcome: string;
  channel?: string | null;
  details?: AuditDetails;
}

export type RecordAudit = (entry: AuditEntry, context: RequestContext) => Promise<void>;

/** Told of every event once it is stored: the metrics count it, the webhooks announce it. */
export type AuditObserver = (entry: AuditEntry, context: RequestContext) => void | Promise<void>;

export function createAuditLog(
  audit: AuditRepository,
  clock: Clock,
  observers: readonly AuditObserver[] = [],
): RecordAudit {
  return async (entry, context) => {
    await audit.append({
      at: clock(),
      actorId: entry.actorId,
      ip: context.ip,
      userAgent: context.userAgent,
      action: entry.action,
      targetId: entry.targetId,
      outcome: entry.outcome,
      channel: entry.channel ?? null,
      // An API request names its token beside the creator as actor, whichever use case wrote the event.
      details: context.apiToken
        ? { ...entry.details, apiToken: context.apiToken.name, apiTokenId: context.apiToken.id }
        : (entry.details ?? {}),
    });
    for (const observe of observers) await observe(entry, context);
  };
}
