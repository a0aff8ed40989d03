import type { Localized } from '../i18n/localization';
import type { OutboxItem } from '../store';

export type DeliveryState =
  'not_queued' | 'queued' | 'sending' | 'retrying' | 'sent' | 'abandoned' | 'expired' | 'untracked';

export interface Delivery {
  state: DeliveryState;
  label: string;
  /** When and why, for the help desk; the outbox's error text never quotes the message. */
  detail: string;
}

/** The viewer's language and zone: the label and detail are text, here and in the JSON the page polls. */
export type DeliveryLocale = Pick<Localized, 't' | 'formatDateTime'>;

/**
 * Where a reset or invitation mail is, from its outbox item. Sent and failed items are purged after the
 * retention period, so a missing item is "no longer tracked", not proof that it was sent.
 */
export function describeDelivery(
  outboxId: string | null,
  item: OutboxItem | null,
  { t, formatDateTime }: DeliveryLocale,
): Delivery {
  if (!outboxId) {
    return {
      state: 'not_queued',
      label: t('admin:delivery.labels.not_queued'),
      detail: t('admin:delivery.details.not_queued'),
    };
  }
  if (!item) {
    return {
      state: 'untracked',
      label: t('admin:delivery.labels.untracked'),
      detail: t('admin:delivery.details.untracked'),
    };
  }
  if (item.status === 'sent') {
    return { state: 'sent', label: t('admin:delivery.labels.sent'), detail: formatDateTime(item.sentAt) };
  }
  if (item.status === 'failed') {
    return {
      state: 'abandoned',
      label: t('admin:delivery.labels.abandoned'),
      detail: t('admin:delivery.details.abandoned', {
        attempts: item.attempts,
        error: item.lastError ?? t('admin:delivery.details.unknown_error'),
      }),
    };
  }
  if (item.status === 'expired') {
    const at = formatDateTime(item.usefulUntil);
    return {
      state: 'expired',
      label: t('admin:delivery.labels.expired'),
      detail: item.lastError
        ? t('admin:delivery.details.expired_after_attempts', {
            at,
            attempts: item.attempts,
            error: item.lastError,
          })
        : t('admin:delivery.details.expired', { at }),
    };
  }
  if (item.lastError) {
    return {
      state: 'retrying',
      label: t('admin:delivery.labels.retrying'),
      detail: t('admin:delivery.details.retrying', {
        attempt: item.attempts,
        error: item.lastError,
        at: formatDateTime(item.nextAttemptAt),
      }),
    };
  }
  return item.attempts > 0
    ? {
        state: 'sending',
        label: t('admin:delivery.labels.sending'),
        detail: t('admin:delivery.details.sending'),
      }
    : {
        state: 'queued',
        label: t('admin:delivery.labels.queued'),
        detail: t('admin:delivery.details.queued'),
      };
}
