import { Webhook } from 'standardwebhooks';
import type { Clock } from '../clock';
import { DeliveryError, type Transport } from '../outbox/delivery';
import type { Store } from '../store';
import { webhookUrlRefusal } from './webhook-url';

export interface WebhookTransportDeps {
  store: Pick<Store, 'webhookEndpoints'>;
  clock: Clock;
  production: boolean;
  timeoutMs?: number;
}

/** Worth retrying: the receiver is busy or briefly unable; any other 4xx refuses this event for good. */
const RETRYABLE = new Set([408, 409, 425, 429]);

function statusError(status: number): DeliveryError {
  const permanent = status >= 400 && status < 500 && !RETRYABLE.has(status);
  return new DeliveryError(`HTTP ${status}: webhook receiver refused the event`, permanent, `HTTP${status}`);
}

/**
 * POSTs one event signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`),
 * signed now so a retry after an outage carries a fresh timestamp. Redirects are not followed. Each
 * attempt is recorded as the receiver's delivery status.
 */
export function createWebhookTransport({
  store,
  clock,
  production,
  timeoutMs = 10_000,
}: WebhookTransportDeps): Transport {
  async function post(message: { to: string; secret: string; eventId: string; body: string }) {
    const refusal = webhookUrlRefusal(message.to, production);
    if (refusal) throw new DeliveryError(`EURL: webhook URL ${refusal}`, true, 'EURL');
    const timestamp = clock();
    const signature = new Webhook(message.secret).sign(message.eventId, timestamp, message.body);
    let response: Response;
    try {
      response = await fetch(message.to, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'webhook-id': message.eventId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: message.body,
      });
    } catch (err) {
      const code = (err as { name?: unknown } | null)?.name === 'TimeoutError' ? 'ETIMEDOUT' : 'ECONNECTION';
      throw new DeliveryError(`${code}: webhook receiver unreachable`, false, code);
    }
    await response.body?.cancel();
    if (response.status < 200 || response.status >= 300) throw statusError(response.status);
  }

  return {
    async send(message) {
      if (message.channel !== 'webhook') {
        throw new DeliveryError('ECHANNEL: not a webhook event', true, 'ECHANNEL');
      }
      try {
        await post(message);
      } catch (err) {
        const error = err instanceof DeliveryError ? err : new DeliveryError('ERROR: delivery failed', false);
        await store.webhookEndpoints.recordDelivery(message.endpointKey, 'failed', error.message, clock());
        throw error;
      }
      await store.webhookEndpoints.recordDelivery(message.endpointKey, 'sent', null, clock());
    },
  };
}
