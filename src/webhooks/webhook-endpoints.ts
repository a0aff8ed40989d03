import type { RecordAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { RequestContext } from '../request-context';
import type { Store, User, WebhookEndpoint } from '../store';
import type { TextSealer } from '../outbox/text-sealer';
import { newWebhookSecret } from './webhook-secret';
import { WEBHOOK_EVENT_TYPES } from './webhook-events';
import { checkWebhookUrl, type WebhookUrlProblem } from './webhook-url';

export const WEBHOOK_URL_MAX_LENGTH = 500;

export type CreateEndpointError = 'url_invalid' | 'no_events' | 'event_unknown';

export type CreateEndpointResult =
  | { ok: true; endpoint: WebhookEndpoint; secret: string }
  | { ok: false; error: Exclude<CreateEndpointError, 'url_invalid'> }
  | { ok: false; error: 'url_invalid'; reason: WebhookUrlProblem | 'too_long' };

export interface WebhookEndpointsDeps {
  store: Pick<Store, 'webhookEndpoints'>;
  audit: RecordAudit;
  clock: Clock;
  secretBox: TextSealer;
  production: boolean;
}

/** Receivers managed in the console: made with a signing secret shown once, then switched on or off. */
export function createWebhookEndpoints({ store, audit, clock, secretBox, production }: WebhookEndpointsDeps) {
  return {
    async create(
      admin: User,
      input: { url: string; events: readonly string[]; enabled: boolean },
      context: RequestContext,
    ): Promise<CreateEndpointResult> {
      const url = input.url.trim();
      const refusal = url.length > WEBHOOK_URL_MAX_LENGTH ? 'too_long' : checkWebhookUrl(url, production);
      if (refusal) return { ok: false, error: 'url_invalid', reason: refusal };
      const events = WEBHOOK_EVENT_TYPES.filter((type) => input.events.includes(type));
      if (events.length !== new Set(input.events).size) return { ok: false, error: 'event_unknown' };
      if (events.length === 0) return { ok: false, error: 'no_events' };
      const secret = newWebhookSecret();
      const endpoint = await store.webhookEndpoints.create(
        { url, events, enabled: input.enabled, secretSealed: secretBox.seal(secret), createdBy: admin.id },
        clock(),
      );
      await audit(
        {
          action: 'webhook_endpoint.created',
          actorId: admin.id,
          targetId: null,
          outcome: 'ok',
          details: { endpointId: endpoint.id, url, events: events.join(' '), enabled: input.enabled },
        },
        context,
      );
      return { ok: true, endpoint, secret };
    },

    async setEnabled(admin: User, id: string, enabled: boolean, context: RequestContext): Promise<boolean> {
      if (!(await store.webhookEndpoints.setEnabled(id, enabled))) return false;
      await audit(
        {
          action: 'webhook_endpoint.updated',
          actorId: admin.id,
          targetId: null,
          outcome: 'ok',
          details: { endpointId: id, enabled },
        },
        context,
      );
      return true;
    },
  };
}

export type WebhookEndpoints = ReturnType<typeof createWebhookEndpoints>;
