import type { Config } from './config';
import type { Services } from './services';
import type { Store } from './store';
import type { Logger } from './web/logger';
import { createOutboxWorker } from './outbox/outbox-worker';
import { createResetIntentWorker } from './reset/reset-intent-worker';
import { createSmsGatewayTransport } from './sms/http-gateway';
import { createDevMailbox, type DevMailbox } from './mail/dev-mailbox';
import { createSmtpTransport } from './mail/smtp-transport';
import type { Transport } from './outbox/delivery';
import { createWebhookTransport } from './webhooks/webhook-transport';

/** The HTTP gateway when configured; else the dev mailbox; else SMTP's transport, which refuses SMS permanently. */
function chooseSmsTransport(config: Config, devMailbox: DevMailbox | null, email: Transport): Transport {
  const { gatewayUrl, gatewayToken } = config.sms;
  if (gatewayUrl) return createSmsGatewayTransport({ url: gatewayUrl, token: gatewayToken });
  return devMailbox ?? email;
}

/**
 * Chooses where queued messages go: SMTP when configured; otherwise (development only, config
 * refuses production without SMTP_URL) the in-memory dev mailbox shown at /dev/mailbox. The worker
 * wakes whenever this process queues a message, and polls for the others' messages.
 */
export function createDelivery(config: Config, store: Store, services: Services, logger: Logger) {
  const devMailbox: DevMailbox | null = config.mail.smtpUrl ? null : createDevMailbox();
  const email = config.mail.smtpUrl
    ? createSmtpTransport(config.mail.smtpUrl, config.mail.from)
    : devMailbox!;
  const worker = createOutboxWorker({
    outbox: store.outbox,
    cipher: services.cipher,
    transports: {
      email,
      sms: chooseSmsTransport(config, devMailbox, email),
      webhook: createWebhookTransport({ store, clock: services.clock, production: config.production }),
    },
    clock: services.clock,
    logger,
    audit: services.audit,
    retryBaseMs: config.outbox.retryBaseMs,
    pollMs: config.outbox.pollMs,
    messageIdDomain: new URL(config.appUrl).hostname,
  });
  services.signals.mailQueued.listen(() => worker.wake());
  return { devMailbox, worker };
}

/** Intents another process stored are found within this (or OUTBOX_POLL_MS when shorter). */
const MAX_INTENT_POLL_MS = 1000;

/**
 * The worker that resolves /forgot intents in this process: woken when this process stores one,
 * polling for those the other processes store.
 */
export function createIntentWorker(config: Config, store: Store, services: Services, logger: Logger) {
  const worker = createResetIntentWorker({
    intents: store.resetIntents,
    resolve: services.resolveResetIntent,
    clock: services.clock,
    logger,
    pollMs: Math.min(config.outbox.pollMs, MAX_INTENT_POLL_MS),
  });
  services.signals.intentAdded.listen(() => worker.wake());
  return worker;
}
