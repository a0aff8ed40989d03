import type { RecordAudit, RequestContext } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { OutboxItem, OutboxRepository } from '../store';
import type { Logger } from '../web/logger';
import type { OutboxMessage } from './messages';
import type { OutboxCipher } from './outbox-cipher';
import { DeliveryError, type Transport } from './transports';

export interface OutboxWorkerDeps {
  outbox: OutboxRepository;
  cipher: OutboxCipher;
  transports: { email: Transport; sms: Transport };
  clock: Clock;
  logger: Logger;
  audit: RecordAudit;
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
  /** Items claimed (and sent concurrently) per round; default 10. */
  batchSize?: number;
  /** How long a claim holds an item; must outlast one send (SMTP timeouts are 10 s each). Default 2 min. */
  leaseMs?: number;
  /** For the retry jitter; tests pass a fixed value. */
  random?: () => number;
}

export interface OutboxWorker {
  /** Polls every pollMs until stop(); rounds never overlap. */
  start(): void;
  /** Stops polling, waits for the round in progress, then closes the transports' connections. */
  stop(): Promise<void>;
  /** Runs rounds until nothing is due now (at most 100); returns how many messages were sent. */
  drain(): Promise<number>;
}

const WORKER_CONTEXT: RequestContext = { ip: 'worker', userAgent: 'outbox-worker' };
const MAX_ROUNDS = 100;
const MAX_BACKOFF_MS = 60 * 60_000;
const JITTER = 0.2;
const MAX_REASON_LENGTH = 200;

interface Failure {
  reason: string;
  permanent: boolean;
}

/** Never the error's message unless a transport vouched for it (DeliveryError): it may quote the mail. */
function describeFailure(err: unknown): Failure {
  const permanent = (err as { permanent?: unknown } | null)?.permanent === true;
  if (err instanceof DeliveryError) return { reason: err.message.slice(0, MAX_REASON_LENGTH), permanent };
  const code = (err as { code?: unknown } | null)?.code;
  const label = typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code) ? code : 'ERROR';
  return { reason: `${label}: delivery failed`, permanent };
}

/** Audit and log names: email events are `mail.*`, SMS events `sms.*`. */
function eventPrefix(channel: OutboxItem['channel']): 'mail' | 'sms' {
  return channel === 'sms' ? 'sms' : 'mail';
}

export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const { outbox, cipher, transports, clock, logger, audit, maxAttempts, retryBaseMs, pollMs } = deps;
  const batchSize = deps.batchSize ?? 10;
  const leaseMs = deps.leaseMs ?? 120_000;
  const random = deps.random ?? Math.random;

  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  // Every round runs after the previous one: polling and drain() share this chain.
  let running: Promise<unknown> = Promise.resolve();

  function backoffMs(attempt: number): number {
    const base = Math.min(retryBaseMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
    return Math.round(base * (1 + JITTER * random()));
  }

  async function recordFailure(item: OutboxItem, message: OutboxMessage | null, failure: Failure) {
    const now = clock();
    const final = failure.permanent || item.attempts >= maxAttempts;
    const retryAt = final ? null : new Date(now.getTime() + backoffMs(item.attempts));
    await outbox.markFailed(item.id, failure.reason, retryAt, now);
    const prefix = eventPrefix(message?.channel ?? item.channel);
    const details = {
      outboxId: item.id,
      kind: message?.kind ?? 'unknown',
      attempt: item.attempts,
      reason: failure.reason,
      ...(retryAt && { retryAt: retryAt.toISOString() }),
    };
    logger[final ? 'error' : 'warn'](
      { ...details, channel: item.channel },
      final ? 'outbox message failed for good' : 'outbox delivery failed; will retry',
    );
    await audit(
      {
        action: `${prefix}.${final ? 'failed' : 'retry'}`,
        actorId: null,
        targetId: message?.userId ?? null,
        outcome: final ? 'failed' : 'retry',
        channel: item.channel,
        details,
      },
      WORKER_CONTEXT,
    );
  }

  async function deliver(item: OutboxItem): Promise<boolean> {
    let message: OutboxMessage;
    try {
      message = cipher.open(item.payload ?? '');
    } catch {
      // Tampered with, or sealed under another OUTBOX_KEY: no retry can open it.
      await recordFailure(item, null, {
        reason: 'EPAYLOAD: payload could not be decrypted',
        permanent: true,
      });
      return false;
    }
    try {
      await transports[message.channel].send(message);
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

  /** One claim and its sends; an item's bookkeeping failure is logged and never stops the others. */
  async function runRound(): Promise<{ claimed: number; sent: number }> {
    const items = await outbox.claimDue(clock(), batchSize, leaseMs);
    const results = await Promise.allSettled(items.map(deliver));
    let sent = 0;
    for (const [index, result] of results.entries()) {
      if (result.status === 'fulfilled') sent += result.value ? 1 : 0;
      else logger.error({ err: result.reason, outboxId: items[index]?.id }, 'outbox item bookkeeping failed');
    }
    return { claimed: items.length, sent };
  }

  async function runRounds(keepGoing: () => boolean): Promise<number> {
    let sent = 0;
    for (let round = 0; round < MAX_ROUNDS && keepGoing(); round++) {
      const result = await runRound();
      sent += result.sent;
      if (result.claimed === 0) break;
    }
    return sent;
  }

  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = running.then(task, task);
    running = next.catch(() => undefined);
    return next;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(poll, pollMs);
    timer.unref();
  }

  function poll(): void {
    timer = null;
    exclusive(() => runRounds(() => !stopped))
      .catch((err: unknown) => logger.error({ err }, 'outbox poll failed'))
      .finally(schedule);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      for (const transport of new Set([transports.email, transports.sms])) transport.close?.();
    },
    drain() {
      return exclusive(() => runRounds(() => true));
    },
  };
}
