/**
 * The delivery status page (views/admin/delivery.ejs) follows its message by itself: it polls the
 * status JSON every few seconds until the message is sent or given up, so no one has to press Refresh.
 * Without JavaScript, or once polling stops, the Refresh button still works.
 */
import { formatNumber } from './text';

const POLL_MS = 2000;
/** About five minutes: longer than a healthy delivery takes; after that Refresh is the way. */
const MAX_POLLS = 150;
const FINAL_STATES = new Set(['sent', 'abandoned', 'expired', 'untracked', 'not_queued']);

interface DeliveryStatus {
  state: string;
  label: string;
  detail: string;
  attempts: number;
}

function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  const status = value as Partial<DeliveryStatus> | null;
  return typeof status?.state === 'string' && typeof status.label === 'string';
}

function show(status: HTMLElement, next: DeliveryStatus): void {
  status.dataset.state = next.state;
  const label = status.querySelector('[data-delivery-label]');
  const detail = status.querySelector('[data-delivery-detail]');
  if (label) label.textContent = next.label;
  if (detail) detail.textContent = next.detail;
  const attempts = document.querySelector('[data-delivery-attempts]');
  if (attempts) attempts.textContent = formatNumber(next.attempts);
}

function follow(status: HTMLElement): void {
  const href = status.dataset.statusHref;
  if (!href) return;
  let polls = 0;
  const poll = async () => {
    if (FINAL_STATES.has(status.dataset.state ?? '') || polls++ >= MAX_POLLS) return;
    try {
      const response = await fetch(href, { headers: { Accept: 'application/json' } });
      const next: unknown = response.ok ? await response.json() : null;
      if (isDeliveryStatus(next)) show(status, next);
    } catch {
      // A dropped connection: the next poll tries again.
    }
    setTimeout(() => void poll(), POLL_MS);
  };
  setTimeout(() => void poll(), POLL_MS);
}

for (const status of document.querySelectorAll<HTMLElement>('[data-status-href]')) follow(status);
