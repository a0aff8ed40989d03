import { randomUUID } from 'node:crypto';
import type { AuditObserver } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { MailQueue } from '../outbox/mail-queue';
import type { Store } from '../store';
import type { SecretBox } from './secret-box';
import { isUnannouncedResetRequest, toWebhookEvent, type WebhookEventType } from './webhook-events';

/** A receiver from WEBHOOK_URLS: every event, signed with WEBHOOK_SECRET. */
export interface ConfiguredWebhook {
  url: string;
  secret: string;
}

export interface WebhookEmitterDeps {
  configured: readonly ConfiguredWebhook[];
  store: Pick<Store, 'webhookEndpoints'>;
  mailQueue: Pick<MailQueue, 'queue' | 'rehearse'>;
  secretBox: SecretBox;
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
  async function receiversOf(type: WebhookEventType | 'reset.requested'): Promise<Receiver[]> {
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

  return async (entry, context) => {
    // A reset asked for an unknown or refused name costs what an announced one costs (decoys in the
    // outbox), so no receiver list makes /forgot answer faster for names that do not exist.
    const decoy = isUnannouncedResetRequest(entry);
    const event = decoy ? null : toWebhookEvent(entry, context);
    if (!event && !decoy) return;
    const type = event?.type ?? 'reset.requested';
    const receivers = await receiversOf(type);
    const eventId = `evt_${randomUUID()}`;
    const body = JSON.stringify({
      type,
      timestamp: clock().toISOString(),
      data: { eventId, ...event?.data },
    });
    for (const receiver of receivers) {
      const queued = message(receiver, eventId, body, type);
      await (event ? mailQueue.queue(queued) : mailQueue.rehearse(queued));
    }
  };
}
