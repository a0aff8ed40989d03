import type { AuditEntry } from './audit/audit-log';

/** What the web thread tells the background thread: work was added here, or stop. */
export type ToBackgroundThread = 'intent-added' | 'mail-queued' | 'stop';

/** What the background thread tells the web thread: an audit event to count in this process's metrics. */
export interface FromBackgroundThread {
  type: 'audited';
  entry: AuditEntry;
}
