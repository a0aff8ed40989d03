import Database from 'better-sqlite3';
import type { AuditEventInput, Store } from '../../src/store';

/** Changes one stored audit event behind the store's back, as someone with write access to the file would. */
export function tamperSqliteAuditEvent(sqlitePath: string, seq: number, outcome: string): void {
  const db = new Database(sqlitePath);
  try {
    db.prepare('UPDATE audit_events SET outcome = ? WHERE seq = ?').run(outcome, seq);
  } finally {
    db.close();
  }
}

/** Appends one audit event straight through the store, with test defaults for the fields not given. */
export async function appendAuditEvent(store: Store, overrides: Partial<AuditEventInput> = {}) {
  return store.audit.append({
    at: new Date('2024-05-10T12:00:00Z'),
    actorId: null,
    ip: '203.0.113.7',
    userAgent: 'audit-test',
    action: 'reset.requested',
    targetId: null,
    outcome: 'ok',
    channel: null,
    details: {},
    ...overrides,
  });
}
