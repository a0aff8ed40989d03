import { Schema, type Connection, type Model } from 'mongoose';
import { newId } from '../ids';
import type { WebhookDeliveryStatus, WebhookEndpoint, WebhookEndpointRepository } from '../webhook-endpoints';

interface EndpointDoc extends Omit<WebhookEndpoint, 'id'> {
  _id: string;
}

interface StatusDoc extends Omit<WebhookDeliveryStatus, 'endpointKey'> {
  _id: string;
}

const endpointSchema = new Schema<EndpointDoc>(
  {
    _id: String,
    url: String,
    events: [String],
    enabled: Boolean,
    secretSealed: String,
    createdBy: String,
    createdAt: Date,
  },
  { versionKey: false },
);
endpointSchema.index({ createdAt: 1, _id: 1 });

const statusSchema = new Schema<StatusDoc>(
  {
    _id: String,
    lastAttemptAt: Date,
    lastResult: String,
    lastError: { type: String, default: null },
    sent: Number,
    failed: Number,
  },
  { versionKey: false },
);

export interface WebhookModels {
  endpoints: Model<EndpointDoc>;
  statuses: Model<StatusDoc>;
}

export function defineWebhookModels(connection: Connection): WebhookModels {
  return {
    endpoints: connection.model<EndpointDoc>('WebhookEndpoint', endpointSchema, 'webhookendpoints'),
    statuses: connection.model<StatusDoc>('WebhookDeliveryStatus', statusSchema, 'webhookdeliverystatuses'),
  };
}

function toEndpoint(doc: EndpointDoc): WebhookEndpoint {
  return {
    id: doc._id,
    url: doc.url,
    events: [...doc.events],
    enabled: doc.enabled,
    secretSealed: doc.secretSealed,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
  };
}

export function createWebhookEndpointRepository({
  endpoints,
  statuses,
}: WebhookModels): WebhookEndpointRepository {
  return {
    create: async (input, now) => {
      const endpoint: WebhookEndpoint = { ...input, events: [...input.events], id: newId(), createdAt: now };
      const { id, ...fields } = endpoint;
      await endpoints.create({ _id: id, ...fields });
      return endpoint;
    },
    list: async () => (await endpoints.find().sort({ createdAt: 1, _id: 1 }).lean()).map(toEndpoint),
    setEnabled: async (id, enabled) =>
      (await endpoints.updateOne({ _id: id }, { $set: { enabled } })).matchedCount === 1,
    // One upsert with $inc: concurrent records on one endpoint each count once.
    recordDelivery: async (endpointKey, result, error, now) => {
      await statuses.updateOne(
        { _id: endpointKey },
        {
          $set: { lastAttemptAt: now, lastResult: result, ...(error !== null && { lastError: error }) },
          $inc: { sent: result === 'sent' ? 1 : 0, failed: result === 'failed' ? 1 : 0 },
        },
        { upsert: true },
      );
    },
    listDeliveryStatus: async () =>
      (await statuses.find().sort({ _id: 1 }).lean()).map((doc) => ({
        endpointKey: doc._id,
        lastAttemptAt: doc.lastAttemptAt,
        lastResult: doc.lastResult,
        lastError: doc.lastError ?? null,
        sent: doc.sent,
        failed: doc.failed,
      })),
  };
}
