import type { OutboxItem } from '../store';
import { plural } from '../plural';
import { formatUtc } from '../time-format';

export type DeliveryState =
  'not_queued' | 'queued' | 'sending' | 'retrying' | 'sent' | 'abandoned' | 'expired' | 'untracked';

export interface Delivery {
  state: DeliveryState;
  label: string;
  /** When and why, for the help desk; the outbox's error text never quotes the message. */
  detail: string;
}

/**
 * Where a reset or invitation mail is, from its outbox item. Sent and failed items are purged after the
 * retention period, so a missing item is "no longer tracked", not proof that it was sent.
 */
export function describeDelivery(outboxId: string | null, item: OutboxItem | null): Delivery {
  if (!outboxId) return { state: 'not_queued', label: 'Not queued', detail: 'No mail was queued.' };
  if (!item) {
    return {
      state: 'untracked',
      label: 'No longer tracked',
      detail: 'The delivery record was purged after its retention period.',
    };
  }
  if (item.status === 'sent') return { state: 'sent', label: 'Sent', detail: formatUtc(item.sentAt) };
  if (item.status === 'failed') {
    return {
      state: 'abandoned',
      label: 'Abandoned',
      detail: `Gave up after ${plural(item.attempts, 'attempt')}: ${item.lastError ?? 'unknown error'}`,
    };
  }
  if (item.status === 'expired') {
    const tried = item.lastError ? ` after ${plural(item.attempts, 'attempt')} (${item.lastError})` : '';
    return {
      state: 'expired',
      label: 'Expired',
      detail: `Not delivered before it stopped being useful at ${formatUtc(item.usefulUntil)}${tried}.`,
    };
  }
  if (item.lastError) {
    return {
      state: 'retrying',
      label: 'Failed, retrying',
      detail: `Attempt ${item.attempts} failed (${item.lastError}); next try ${formatUtc(item.nextAttemptAt)}`,
    };
  }
  return item.attempts > 0
    ? { state: 'sending', label: 'Sending', detail: 'Being handed to the mail server now.' }
    : { state: 'queued', label: 'Queued', detail: 'Waiting for the mail worker.' };
}
