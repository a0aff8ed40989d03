import type { AuditEntry } from './audit/audit-log';
import type { StrengthLanguage } from './shared/password-strength';
import type { WriteTurns } from './store';

/** What the thread is started with. */
export interface BackgroundThreadData {
  writeTurns: WriteTurns;
}

/** A password to score, and what the score needs besides it. */
export interface StrengthRequest {
  type: 'estimate';
  id: number;
  password: string;
  userWords: string[];
  languages: StrengthLanguage[];
}

/** What the web thread tells the background thread: work was added here, a password to score, log your memory, or stop. */
export type ToBackgroundThread = 'intent-added' | 'mail-queued' | 'report-memory' | 'stop' | StrengthRequest;

/** What the background thread tells the web thread: an audit event to count, or a score. */
export type FromBackgroundThread =
  | { type: 'audited'; entry: AuditEntry }
  | { type: 'estimated'; id: number; score: number }
  | { type: 'estimate-failed'; id: number; reason: string };
