import { randomBytes } from 'node:crypto';

/** Console receivers' signing secrets are sealed under their own key derived from OUTBOX_KEY. */
export const WEBHOOK_SECRET_SEALING = 'resetdesk webhook secret v1';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
