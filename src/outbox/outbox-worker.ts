import type { RecordAudit } from '../audit/audit-log';
import type { RequestContext } from '../request-context';
import type { Clock } from '../clock';
import { createPollingLoop, type RoundResult } from '../polling-loop';
import type { OutboxItem, OutboxRepository } from '../store';
import { MINUTE } from '../time';
import type { Logger } from '../web/logger';
import type { OutboxMessage } from './outbox-message';
import type { OutboxCipher } from './outbox-cipher';
import { asDeliveryError, DeliveryError, type Transport } from './delivery';

export interface OutboxWorkerDeps {
  outbox: OutboxRepository;
  cipher: OutboxCipher;
  /** Webhook events wait in the outbox until a webhook transport is given. */
  transports: { email: Transport; sms: Transport; webhook?: Transport };
  clock: Clock;
  logger: Logger;
  audit: RecordAudit;
  /** First retry delay; it doubles with each failed attempt, up to every 10 minutes. */
  retryBaseMs: number;
  pollMs: number;
  /** Right-hand side of every Message-ID: the host of APP_URL. */
  messageIdDomain: string;
  /**
   * Items claimed (and sent concurrently) per round; default 50, enough to keep every pooled SMTP
   * connection busy with a queue of its own while the round's slowest send finishes.
   */
  batchSize?: number;
  /** How long a claim holds an item; must outlast one send (SMTP timeouts are 10 s each). Default 2 min. */
  leaseMs?: number;
  /** For the retry jitter; tests pass a fixed value. */
  random?: () => number;
}

export interface OutboxWorker {
  /** Polls every pollMs until stop(); rounds never overlap. */
  start(): void;
  /** Sends what is due now instead of at the next poll (the mail queue rings it after each write). */
  wake(): void;
  /** Stops polling, waits for the round in progress, then closes the transports' connections. */
  stop(): Promise<void>;
  /** Runs rounds until nothing is due now (at most 100); returns how many messages were sent. */
  drain(): Promise<number>;
}

const WORKER_CONTEXT: RequestContext = { ip: 'worker', userAgent: 'outbox-worker' };
/** However long an outage lasts, a waiting message is tried again at least this often. */
const MAX_BACKOFF_MS = 10 * MINUTE;
const JITTER = 0.2;
const MAX_REASON_LENGTH = 200;

interface Failure {
  reason: string;
  permanent: boolean;
}

function describeFailure(err: unknown): Failure {
  const error = asDeliveryError(err);
  return { reason: error.message.slice(0, MAX_REASON_LENGTH), permanent: error.permanent };
}

/** Stable per item, so every delivery of one item (say, again after a crash) carries the same id. */
export function messageIdFor(itemId: string, domain: string): string {
  return `<${itemId}@${domain}>`;
}

/** Audit and log names: email events are `mail.*`, SMS events `sms.*`, webhook events `webhook.*`. */
function eventPrefix(channel: OutboxItem['channel']): 'mail' | 'sms' | 'webhook' {
  return channel === 'email' ? 'mail' : channel;
}

export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const { outbox, cipher, transports, clock, logger, audit, retryBaseMs, pollMs, messageIdDomain } = deps;
  const batchSize = deps.batchSize ?? 50;
  const leaseMs = deps.leaseMs ?? 120_000;
  const random = deps.random ?? Math.random;

  function backoffMs(attempt: number): number {
    const base = retryBaseMs * 2 ** Math.max(0, attempt - 1);
    return Math.round(Math.min(base * (1 + JITTER * random()), MAX_BACKOFF_MS));
  }

  function openPayload(item: OutboxItem): OutboxMessage | null {
    try {
      return cipher.open(item.payload ?? '');
    } catch {
      return null;
    }
  }

  /**
   * A transient failure is retried until the item stops being useful: the last retry is due no later
   * than usefulUntil, where the next round expires it instead (see recordExpiry).
   */
  async function recordFailure(item: OutboxItem, message: OutboxMessage | null, failure: Failure) {
    const now = clock();
    const { permanent, reason } = failure;
    const backoffUntil = now.getTime() + backoffMs(item.attempts);
    const retryAt = permanent ? null : new Date(Math.min(backoffUntil, item.usefulUntil.getTime()));
    await outbox.markFailed(item.id, reason, retryAt, now);
    const details = {
      outboxId: item.id,
      kind: message?.kind ?? 'unknown',
      attempt: item.attempts,
      reason,
      ...(retryAt && { retryAt: retryAt.toISOString() }),
    };
    logger[permanent ? 'error' : 'warn'](
      { ...details, channel: item.channel },
      permanent ? 'outbox message refused for good' : 'outbox delivery failed; will retry',
    );
    await audit(
      {
        action: `${eventPrefix(message?.channel ?? item.channel)}.${permanent ? 'failed' : 'retry'}`,
        actorId: null,
        targetId: message?.userId ?? null,
        outcome: permanent ? 'failed' : 'retry',
        channel: item.channel,
        details,
      },
      WORKER_CONTEXT,
    );
  }

  /** Its link ran out, or it waited OUTBOX_MAX_AGE_HOURS: recorded as lost, never as refused. */
  async function recordExpiry(item: OutboxItem) {
    const message = openPayload(item);
    const details = {
      outboxId: item.id,
      kind: message?.kind ?? 'unknown',
      attempts: item.attempts,
      usefulUntil: item.usefulUntil.toISOString(),
      ...(item.lastError && { reason: item.lastError }),
    };
    logger.warn({ ...details, channel: item.channel }, 'outbox message expired before it could be delivered');
    await audit(
      {
        action: `${eventPrefix(message?.channel ?? item.channel)}.expired`,
        actorId: null,
        targetId: message?.userId ?? null,
        outcome: 'expired',
        channel: item.channel,
        details,
      },
      WORKER_CONTEXT,
    );
  }

  async function deliver(item: OutboxItem): Promise<boolean> {
    const message = openPayload(item);
    if (!message) {
      // Tampered with, or sealed under another OUTBOX_KEY: no retry can open it.
      await recordFailure(item, null, {
        reason: 'EPAYLOAD: payload could not be decrypted',
        permanent: true,
      });
      return false;
    }
    try {
      const transport = transports[message.channel];
      if (!transport)
        throw new DeliveryError('ENOTRANSPORT: no transport for this channel', false, 'ENOTRANSPORT');
      await transport.send(message, { messageId: messageIdFor(item.id, messageIdDomain) });
    } catch (err) {
      await recordFailure(item, message, describeFailure(err));
      return false;
    }
    await outbox.markSent(item.id, clock());
    logger.info({ outboxId: item.id, channel: message.channel, kind: message.kind }, 'outbox message sent');
    await audit(
      {
        action: `${eventPrefix(message.channel)}.sent`,
        actorId: null,
        targetId: message.userId,
        outcome: 'sent',
        channel: message.channel,
        details: { outboxId: item.id, kind: message.kind },
      },
      WORKER_CONTEXT,
    );
    return true;
  }

  function logBookkeepingFailures(items: OutboxItem[], results: PromiseSettledResult<unknown>[]) {
    for (const [index, result] of results.entries()) {
      if (result.status === 'rejected') {
        logger.error({ err: result.reason, outboxId: items[index]?.id }, 'outbox item bookkeeping failed');
      }
    }
  }

  /**
   * Expires what is no longer useful, then claims and sends what is due; an item's bookkeeping
   * failure is logged and never stops the others.
   */
  async function runRound(): Promise<RoundResult> {
    const now = clock();
    const expired = await outbox.expireDue(now, batchSize);
    logBookkeepingFailures(expired, await Promise.allSettled(expired.map(recordExpiry)));
    const items = await outbox.claimDue(now, batchSize, leaseMs);
    const results = await Promise.allSettled(items.map(deliver));
    logBookkeepingFailures(items, results);
    const sent = results.filter((result) => result.status === 'fulfilled' && result.value).length;
    return { handled: expired.length + items.length, done: sent };
  }

  const loop = createPollingLoop({
    pollMs,
    runRound,
    onError: (err) => logger.error({ err }, 'outbox poll failed'),
  });

  return {
    start: () => loop.start(),
    wake: () => loop.wake(),
    async stop() {
      await loop.stop();
      for (const transport of new Set([transports.email, transports.sms, transports.webhook])) {
        transport?.close?.();
      }
    },
    drain: () => loop.drain(),
  };
}
