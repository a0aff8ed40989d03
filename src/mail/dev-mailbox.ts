import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import type { OutboxMessage } from '../outbox/outbox-message';
import type { Transport } from '../outbox/delivery';

export interface MailboxEntry {
  id: string;
  sentAt: Date;
  message: OutboxMessage;
}

/** Development stand-in for SMTP and the SMS gateway: keeps what would have been sent, in memory. */
export interface DevMailbox extends Transport {
  /** Newest first. */
  list(): MailboxEntry[];
  get(id: string): MailboxEntry | null;
}

export interface DevMailboxOptions {
  /** How many messages are kept; older ones are dropped (default 200). */
  capacity?: number;
  clock?: Clock;
}

export function createDevMailbox({
  capacity = 200,
  clock = systemClock,
}: DevMailboxOptions = {}): DevMailbox {
  const entries: MailboxEntry[] = [];
  return {
    async send(message) {
      entries.push({ id: randomUUID(), sentAt: clock(), message: { ...message } });
      if (entries.length > capacity) entries.splice(0, entries.length - capacity);
    },
    list() {
      return entries.toReversed();
    },
    get(id) {
      return entries.find((entry) => entry.id === id) ?? null;
    },
  };
}
