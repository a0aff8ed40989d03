import { Schema, type Connection, type Model } from 'mongoose';
import { newId } from '../ids';
import type { SecurityAlert, SecurityAlertDetails, SecurityAlertRepository } from '../security-alerts';

interface Dismissal {
  adminId: string;
  at: Date;
}

/**
 * Dismissals are an array inside the alert rather than a collection of their own: an admin team is a
 * handful of people, so it stays small; dismissing is one conditional $push on one document (no
 * duplicate however many calls race); listing is one query without $lookup; and deleting an alert
 * takes its dismissals with it.
 */
interface SecurityAlertDoc extends Omit<SecurityAlert, 'id'> {
  _id: string;
  dismissals: Dismissal[];
}

type SecurityAlertModel = Model<SecurityAlertDoc>;

const dismissalSchema = new Schema<Dismissal>({ adminId: String, at: Date }, { _id: false });

const securityAlertSchema = new Schema<SecurityAlertDoc>(
  {
    _id: String,
    kind: String,
    targetId: String,
    actorId: { type: String, default: null },
    details: Schema.Types.Mixed,
    createdAt: Date,
    dismissals: { type: [dismissalSchema], default: [] },
  },
  // minimize: false keeps `details: {}` instead of dropping it.
  { versionKey: false, minimize: false },
);
// No TTL: an alert nobody has read must not vanish on a timer; purge removes old ones explicitly.
securityAlertSchema.index({ createdAt: -1, _id: -1 });

export function defineSecurityAlertModel(connection: Connection): SecurityAlertModel {
  return connection.model<SecurityAlertDoc>('SecurityAlert', securityAlertSchema, 'securityalerts');
}

function toAlert(doc: Omit<SecurityAlertDoc, 'dismissals'>): SecurityAlert {
  return {
    id: doc._id,
    kind: doc.kind,
    targetId: doc.targetId,
    actorId: doc.actorId ?? null,
    details: { ...((doc.details ?? {}) as SecurityAlertDetails) },
    createdAt: doc.createdAt,
  };
}

async function dismiss(alerts: SecurityAlertModel, alertId: string, adminId: string, now: Date) {
  // The filter and the push are one atomic update: a second dismissal by the same admin matches nothing.
  const result = await alerts.updateOne(
    { _id: alertId, 'dismissals.adminId': { $ne: adminId } },
    { $push: { dismissals: { adminId, at: now } } },
  );
  if (result.matchedCount === 1) return true;
  return (await alerts.exists({ _id: alertId })) !== null;
}

export function createSecurityAlertRepository(alerts: SecurityAlertModel): SecurityAlertRepository {
  return {
    create: async (input, now) => {
      const alert: SecurityAlert = { ...input, details: { ...input.details }, id: newId(), createdAt: now };
      const { id, ...fields } = alert;
      await alerts.create({ _id: id, ...fields, dismissals: [] });
      return alert;
    },
    listUndismissed: async (adminId, limit) => {
      const docs = await alerts
        .find({ 'dismissals.adminId': { $ne: adminId } }, { dismissals: 0 })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .lean();
      return docs.map(toAlert);
    },
    dismiss: (alertId, adminId, now) => dismiss(alerts, alertId, adminId, now),
    purgeOlderThan: async (cutoff) => (await alerts.deleteMany({ createdAt: { $lt: cutoff } })).deletedCount,
  };
}
