import { type Request, type Response, Router } from 'express';
import { currentUser, requirePermission } from '../auth/session-middleware';
import type { Config } from '../config';
import type { Store } from '../store';
import { HttpError } from '../web/errors';
import { flash } from '../web/flash';
import { checkboxField, requestContext, stringField } from '../web/form';
import { noStore } from '../web/no-store';
import { WEBHOOK_URL_MAX_LENGTH, type WebhookEndpoints } from './webhook-endpoints';
import { WEBHOOK_EVENT_TYPES } from './webhook-events';
import { createEndpointErrorKey, WEBHOOK_MESSAGES } from './webhook-messages';

export const WEBHOOKS_PATH = '/admin/webhooks';

export interface WebhookRouterDeps {
  config: Pick<Config, 'webhooks'>;
  store: Pick<Store, 'webhookEndpoints'>;
  webhookEndpoints: Pick<WebhookEndpoints, 'create' | 'setEnabled'>;
}

function listField(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** /admin/webhooks: receivers from the configuration and the console, their delivery status, add and switch. */
export function createWebhookRouter({ config, store, webhookEndpoints }: WebhookRouterDeps): Router {
  const router = Router();
  router.use(WEBHOOKS_PATH, noStore, requirePermission('webhooks:manage'));

  async function renderList(res: Response, extra: Record<string, unknown> = {}) {
    const [endpoints, statuses] = await Promise.all([
      store.webhookEndpoints.list(),
      store.webhookEndpoints.listDeliveryStatus(),
    ]);
    const statusOf = new Map(statuses.map((status) => [status.endpointKey, status]));
    const receivers = [
      ...config.webhooks.map((receiver, index) => ({
        id: null,
        url: receiver.url,
        source: 'configuration',
        events: null,
        enabled: true,
        status: statusOf.get(`config:${index}`) ?? null,
      })),
      ...endpoints.map((endpoint) => ({
        id: endpoint.id,
        url: endpoint.url,
        source: 'console',
        events: endpoint.events.join(' '),
        enabled: endpoint.enabled,
        status: statusOf.get(endpoint.id) ?? null,
      })),
    ];
    res.render('admin/webhooks', {
      receivers,
      eventTypes: WEBHOOK_EVENT_TYPES,
      urlMaxLength: WEBHOOK_URL_MAX_LENGTH,
      error: null,
      values: { url: '', events: [] },
      ...extra,
    });
  }

  router.get(WEBHOOKS_PATH, (_req, res) => renderList(res));

  router.post(WEBHOOKS_PATH, async (req: Request, res: Response) => {
    const url = stringField(req.body, 'url', 2000) ?? '';
    const events = listField(req.body, 'events');
    const result = await webhookEndpoints.create(
      currentUser(res)!,
      { url, events, enabled: checkboxField(req.body, 'enabled') },
      requestContext(req),
    );
    if (!result.ok) {
      res.status(400);
      return renderList(res, { error: req.t(createEndpointErrorKey(result)), values: { url, events } });
    }
    res.render('admin/webhook-created', { endpoint: result.endpoint, secret: result.secret });
  });

  for (const [path, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    router.post(`${WEBHOOKS_PATH}/:id/${path}`, async (req, res) => {
      const changed = await webhookEndpoints.setEnabled(
        currentUser(res)!,
        req.params.id as string,
        enabled,
        requestContext(req),
      );
      if (!changed) throw new HttpError(404, req.t(WEBHOOK_MESSAGES.unknown_receiver));
      flash(req, 'success', req.t(enabled ? WEBHOOK_MESSAGES.enabled : WEBHOOK_MESSAGES.disabled));
      res.redirect(303, WEBHOOKS_PATH);
    });
  }
  return router;
}
