import { isEmailAddress } from '../auth/email';
import { isE164Phone } from '../auth/phone';
import type { Clock } from '../clock';
import type { OutboxDraft, OutboxRepository } from '../store';
import type { OutboxMessage } from './outbox-message';
import type { OutboxCipher } from './outbox-cipher';
import type { WakeSignal } from '../wake-signal';

export interface QueueOptions {
  /** When the message's link or code expires: sending it later would help nobody. */
  usefulUntil?: Date;
}

export interface MailQueue {
  /**
   * Stores the message encrypted and returns its outbox id; the worker sends it off the request path,
   * retrying until options.usefulUntil, and never longer than maxAgeMs.
   */
  queue(message: OutboxMessage, options?: QueueOptions): Promise<string>;
}

export interface MailQueueDeps {
  outbox: OutboxRepository;
  cipher: OutboxCipher;
  clock: Clock;
  /** OUTBOX_MAX_AGE_HOURS: how long any message is worth retrying. */
  maxAgeMs: number;
  /** Rung after each write, so this process's worker sends at once instead of at its next poll. */
  queued?: WakeSignal;
}

/**
 * Callers pass the stored address of a matched account, never what a visitor typed; this is the
 * last guard before an address reaches SMTP: one address, no list, no line break (header injection).
 */
function isDeliverableTo(message: OutboxMessage): boolean {
  if (message.channel === 'email') return isEmailAddress(message.to);
  if (message.channel === 'sms') return isE164Phone(message.to);
  return URL.canParse(message.to) && /^https?:$/.test(new URL(message.to).protocol);
}

function assertDeliverable(message: OutboxMessage): void {
  const valid = isDeliverableTo(message);
  if (!valid)
    throw new Error(`Refusing to queue ${message.channel}: the recipient is not a single valid address`);
}

export function createMailQueue({ outbox, cipher, clock, maxAgeMs, queued }: MailQueueDeps): MailQueue {
  function usefulUntil(now: Date, options: QueueOptions): Date {
    const latest = now.getTime() + maxAgeMs;
    return new Date(Math.min(options.usefulUntil?.getTime() ?? latest, latest));
  }

  function draft(message: OutboxMessage, now: Date, options: QueueOptions): OutboxDraft {
    return {
      channel: message.channel,
      payload: cipher.seal(message),
      usefulUntil: usefulUntil(now, options),
      userId: message.userId,
    };
  }

  return {
    async queue(message, options = {}) {
      assertDeliverable(message);
      const now = clock();
      const item = await outbox.enqueue(draft(message, now, options), now);
      queued?.ring();
      return item.id;
    },
  };
}
