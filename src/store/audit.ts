import type { Page } from './users';

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditEventInput {
  at: Date;
  /** User id of whoever acted, or null for an anonymous visitor. */
  actorId: string | null;
  ip: string;
  userAgent: string;
  action: string;
  targetId: string | null;
  outcome: string;
  channel: string | null;
  /** Never a secret. */
  details: AuditDetails;
}

export interface AuditEvent extends AuditEventInput {
  /** 1, 2, 3, … without gaps: the chain order. */
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  actorId?: string;
  targetId?: string;
  action?: string;
  /** Any of these actions (an empty list matches nothing); combined with `action` when both are given. */
  actions?: readonly string[];
  /** Exact match on `details.ticketRef`, the help-desk ticket an admin reset was done under. */
  ticketRef?: string;
  from?: Date;
  to?: Date;
}

export interface AuditRepository {
  /**
   * Atomic across store instances: reads the last event and writes the next one chained to it,
   * so concurrent appends never fork the chain or reuse a sequence number.
   */
  append(event: AuditEventInput): Promise<AuditEvent>;
  /** Newest first. */
  list(filter: AuditFilter, page: number, pageSize: number): Promise<Page<AuditEvent>>;
  /** Every event in chain order, in batches, for verification and export. */
  iterate(batchSize?: number): AsyncIterable<AuditEvent>;
}
