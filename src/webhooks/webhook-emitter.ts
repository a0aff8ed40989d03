import { randomUUID } from 'node:crypto';
import type { AuditObserver } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { MailQueue } from '../outbox/mail-queue';
import type { Store } from '../store';
import type { TextSealer } from '../outbox/text-sealer';
import { toWebhookEvent } from './webhook-events';

/** A receiver from WEBHOOK_URLS: every event, signed with WEBHOOK_SECRET. */
export interface ConfiguredWebhook {
  url: string;
  secret: string;
}

export interface WebhookEmitterDeps {
  configured: readonly ConfiguredWebhook[];
  store: Pick<Store, 'webhookEndpoints'>;
  mailQueue: Pick<MailQueue, 'queue'>;
  secretBox: TextSealer;
  clock: Clock;
}

/**
 * Turns each announced audit event into one outbox message per receiver, so webhooks get the outbox's
 * encryption, leasing and retries. The configured receivers take every event; console ones the types
 * they chose, while enabled.
 */
export function createWebhookEmitter({
  configured,
  store,
  mailQueue,
  secretBox,
  clock,
}: WebhookEmitterDeps): AuditObserver {
  return async (entry, context) => {
    const event = toWebhookEvent(entry, context);
    if (!event) return;
    const managed = (await store.webhookEndpoints.list()).filter(
      (endpoint) => endpoint.enabled && endpoint.events.includes(event.type),
    );
    const receivers = [
      ...configured.map((receiver, index) => ({
        key: `config:${index}`,
        url: receiver.url,
        secret: receiver.secret,
      })),
      ...managed.map((endpoint) => ({
        key: endpoint.id,
        url: endpoint.url,
        secret: secretBox.open(endpoint.secretSealed),
      })),
    ];
    if (receivers.length === 0) return;
    const eventId = `evt_${randomUUID()}`;
    const body = JSON.stringify({
      type: event.type,
      timestamp: clock().toISOString(),
      data: { eventId, ...event.data },
    });
    for (const receiver of receivers) {
      await mailQueue.queue({
        channel: 'webhook',
        to: receiver.url,
        secret: receiver.secret,
        eventId,
        body,
        endpointKey: receiver.key,
        userId: null,
        kind: event.type,
      });
    }
  };
}
