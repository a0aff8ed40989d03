import { isEmailAddress } from '../auth/email';
import { isE164Phone } from '../auth/phone';
import type { Clock } from '../clock';
import type { OutboxRepository } from '../store';
import type { OutboxMessage } from './messages';
import type { OutboxCipher } from './outbox-cipher';

export interface MailQueue {
  /** Stores the message encrypted and returns its outbox id; the worker sends it off the request path. */
  queue(message: OutboxMessage): Promise<string>;
  /**
   * queue()'s validation, encryption and write, stored as a decoy that is never sent, so a path
   * that must not send (an unknown account asking for a reset) costs the same as one that does.
   */
  rehearse(message: OutboxMessage): Promise<string>;
}

export interface MailQueueDeps {
  outbox: OutboxRepository;
  cipher: OutboxCipher;
  clock: Clock;
}

/**
 * Callers pass the stored address of a matched account, never what a visitor typed; this is the
 * last guard before an address reaches SMTP: one address, no list, no line break (header injection).
 */
function assertDeliverable(message: OutboxMessage): void {
  const valid = message.channel === 'email' ? isEmailAddress(message.to) : isE164Phone(message.to);
  if (!valid)
    throw new Error(`Refusing to queue ${message.channel}: the recipient is not a single valid address`);
}

export function createMailQueue({ outbox, cipher, clock }: MailQueueDeps): MailQueue {
  return {
    async queue(message) {
      assertDeliverable(message);
      const item = await outbox.enqueue(message.channel, cipher.seal(message), clock());
      return item.id;
    },
    async rehearse(message) {
      assertDeliverable(message);
      const item = await outbox.enqueueDecoy(message.channel, cipher.seal(message), clock());
      return item.id;
    },
  };
}
