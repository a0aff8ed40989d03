import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type {
  SecurityAlert,
  SecurityAlertDetails,
  SecurityAlertKind,
  SecurityAlertRepository,
} from '../security-alerts';
import { toDate } from './columns';

interface SecurityAlertRow {
  id: string;
  kind: string;
  target_id: string;
  actor_id: string | null;
  details: string;
  created_at: number;
}

function toAlert(row: SecurityAlertRow): SecurityAlert {
  return {
    id: row.id,
    kind: row.kind as SecurityAlertKind,
    targetId: row.target_id,
    actorId: row.actor_id,
    details: JSON.parse(row.details) as SecurityAlertDetails,
    createdAt: toDate(row.created_at),
  };
}

/** Dismissals live in their own table, one row per alert and admin: the primary key makes them idempotent. */
export function createSecurityAlertRepository(db: Database): SecurityAlertRepository {
  const insert = db.prepare(`
    INSERT INTO security_alerts (id, kind, target_id, actor_id, details, created_at)
    VALUES (@id, @kind, @targetId, @actorId, @details, @createdAt)`);
  const undismissed = db.prepare<{ adminId: string; limit: number }, SecurityAlertRow>(`
    SELECT * FROM security_alerts AS alert
    WHERE NOT EXISTS (
      SELECT 1 FROM security_alert_dismissals WHERE alert_id = alert.id AND admin_id = @adminId)
    ORDER BY created_at DESC, id DESC LIMIT @limit`);
  const dismiss = db.prepare<{ alertId: string; adminId: string; now: number }>(`
    INSERT INTO security_alert_dismissals (alert_id, admin_id, dismissed_at)
    SELECT id, @adminId, @now FROM security_alerts WHERE id = @alertId
    ON CONFLICT DO NOTHING`);
  const exists = db.prepare<[string], { found: 1 }>('SELECT 1 AS found FROM security_alerts WHERE id = ?');
  const purgeDismissals = db.prepare(
    'DELETE FROM security_alert_dismissals WHERE alert_id IN (SELECT id FROM security_alerts WHERE created_at < ?)',
  );
  const purgeAlerts = db.prepare('DELETE FROM security_alerts WHERE created_at < ?');
  const purgeOlderThan = db.transaction((cutoff: number): number => {
    purgeDismissals.run(cutoff);
    return purgeAlerts.run(cutoff).changes;
  });

  return {
    async create(input, now) {
      const alert: SecurityAlert = { ...input, details: { ...input.details }, id: newId(), createdAt: now };
      insert.run({
        id: alert.id,
        kind: alert.kind,
        targetId: alert.targetId,
        actorId: alert.actorId,
        details: JSON.stringify(alert.details),
        createdAt: now.getTime(),
      });
      return alert;
    },
    async listUndismissed(adminId, limit) {
      return undismissed.all({ adminId, limit }).map(toAlert);
    },
    async dismiss(alertId, adminId, now) {
      // No row inserted means dismissed before, or no such alert; only the second answers false.
      if (dismiss.run({ alertId, adminId, now: now.getTime() }).changes === 1) return true;
      return exists.get(alertId) !== undefined;
    },
    async purgeOlderThan(cutoff) {
      return purgeOlderThan.immediate(cutoff.getTime());
    },
  };
}
