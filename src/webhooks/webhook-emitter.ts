import { randomUUID } from 'node:crypto';
import type { AuditObserver } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { MailQueue } from '../outbox/mail-queue';
import type { Store } from '../store';
import type { TextSealer } from '../outbox/text-sealer';
import { toWebhookEvent, type WebhookEventType } from './webhook-events';

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

interface Receiver {
  key: string;
  url: string;
  secret: string;
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
  async function receiversOf(type: WebhookEventType): Promise<Receiver[]> {
    const managed = (await store.webhookEndpoints.list()).filter(
      (endpoint) => endpoint.enabled && endpoint.events.includes(type),
    );
    const opened = managed.flatMap((endpoint) => {
      try {
        return [{ key: endpoint.id, url: endpoint.url, secret: secretBox.open(endpoint.secretSealed) }];
      } catch {
        // Sealed under another OUTBOX_KEY: that receiver cannot be signed for; the action goes on.
        return [];
      }
    });
    return [...configured.map((receiver, index) => ({ key: `config:${index}`, ...receiver })), ...opened];
  }

  function message(receiver: Receiver, eventId: string, body: string, type: string) {
    return {
      channel: 'webhook' as const,
      to: receiver.url,
      secret: receiver.secret,
      eventId,
      body,
      endpointKey: receiver.key,
      userId: null,
      kind: type,
    };
  }

  // Resolving a /forgot happens off the request path (reset intents), so an unannounced request for an
  // unknown name needs no stand-in messages: nothing here can change how fast /forgot answers.
  return async (entry, context) => {
    const event = toWebhookEvent(entry, context);
    if (!event) return;
    const receivers = await receiversOf(event.type);
    const eventId = `evt_${randomUUID()}`;
    const body = JSON.stringify({
      type: event.type,
      timestamp: clock().toISOString(),
      data: { eventId, ...event.data },
    });
    for (const receiver of receivers) await mailQueue.queue(message(receiver, eventId, body, event.type));
  };
}
