import type { OutboxItem } from '../store';

/** queued: not tried yet; failed: the last attempt failed and it will be retried; abandoned: given up. */
export type DeliveryState = 'queued' | 'sent' | 'failed' | 'abandoned' | 'untracked';

export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed, will retry',
  abandoned: 'Abandoned (gave up)',
  untracked: 'No longer tracked',
};

/** An item missing from the outbox was purged after its retention period. */
export function deliveryState(item: OutboxItem | null): DeliveryState {
  if (!item) return 'untracked';
  if (item.status === 'sent') return 'sent';
  if (item.status === 'failed') return 'abandoned';
  return item.lastError ? 'failed' : 'queued';
}
