import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type { WebhookDeliveryStatus, WebhookEndpoint, WebhookEndpointRepository } from '../webhook-endpoints';
import { toDate } from './columns';

interface EndpointRow {
  id: string;
  url: string;
  events: string;
  enabled: number;
  secret_sealed: string;
  created_by: string;
  created_at: number;
}

interface StatusRow {
  endpoint_key: string;
  last_attempt_at: number;
  last_result: string;
  last_error: string | null;
  sent: number;
  failed: number;
}

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    enabled: row.enabled === 1,
    secretSealed: row.secret_sealed,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
  };
}

function toStatus(row: StatusRow): WebhookDeliveryStatus {
  return {
    endpointKey: row.endpoint_key,
    lastAttemptAt: toDate(row.last_attempt_at),
    lastResult: row.last_result as WebhookDeliveryStatus['lastResult'],
    lastError: row.last_error,
    sent: row.sent,
    failed: row.failed,
  };
}

export function createWebhookEndpointRepository(db: Database): WebhookEndpointRepository {
  const insert = db.prepare(`
    INSERT INTO webhook_endpoints (id, url, events, enabled, secret_sealed, created_by, created_at)
    VALUES (@id, @url, @events, @enabled, @secretSealed, @createdBy, @createdAt)`);
  const all = db.prepare<[], EndpointRow>('SELECT * FROM webhook_endpoints ORDER BY created_at, id');
  const setEnabled = db.prepare<{ id: string; enabled: number }>(
    'UPDATE webhook_endpoints SET enabled = @enabled WHERE id = @id',
  );
  const record = db.prepare<{
    key: string;
    result: string;
    error: string | null;
    now: number;
    sent: number;
  }>(`
    INSERT INTO webhook_delivery_status (endpoint_key, last_attempt_at, last_result, last_error, sent, failed)
    VALUES (@key, @now, @result, @error, @sent, 1 - @sent)
    ON CONFLICT (endpoint_key) DO UPDATE SET
      last_attempt_at = excluded.last_attempt_at, last_result = excluded.last_result,
      last_error = COALESCE(excluded.last_error, webhook_delivery_status.last_error),
      sent = webhook_delivery_status.sent + excluded.sent,
      failed = webhook_delivery_status.failed + excluded.failed`);
  const statuses = db.prepare<[], StatusRow>('SELECT * FROM webhook_delivery_status ORDER BY endpoint_key');

  return {
    async create(input, now) {
      const endpoint: WebhookEndpoint = { ...input, events: [...input.events], id: newId(), createdAt: now };
      insert.run({
        id: endpoint.id,
        url: endpoint.url,
        events: JSON.stringify(endpoint.events),
        enabled: endpoint.enabled ? 1 : 0,
        secretSealed: endpoint.secretSealed,
        createdBy: endpoint.createdBy,
        createdAt: now.getTime(),
      });
      return endpoint;
    },
    async list() {
      return all.all().map(toEndpoint);
    },
    async setEnabled(id, enabled) {
      return setEnabled.run({ id, enabled: enabled ? 1 : 0 }).changes === 1;
    },
    async recordDelivery(endpointKey, result, error, now) {
      record.run({ key: endpointKey, result, error, now: now.getTime(), sent: result === 'sent' ? 1 : 0 });
    },
    async listDeliveryStatus() {
      return statuses.all().map(toStatus);
    },
  };
}
