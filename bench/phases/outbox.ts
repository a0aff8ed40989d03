import { atLeast, round, type Figure } from '../figures';
import { enqueueMails, openQueuedMailCounter } from '../fixtures';
import type { BenchContext } from '../context';

const POLL_MS = 20;

async function waitFor(condition: () => boolean, budgetMs: number): Promise<boolean> {
  const deadline = performance.now() + budgetMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}

/**
 * Mails queued through the store (as the app queues them: validated, encrypted) and drained by the
 * running server's worker into the SMTP sink. Mail the earlier phases queued is let through first,
 * and whatever is still queued when the clock starts is counted with the batch.
 */
export async function measureOutboxDrain(ctx: BenchContext): Promise<Figure[]> {
  const { outboxMails, outboxBudgetMs } = ctx.profile;
  const queued = openQueuedMailCounter(ctx.sqlitePath);
  let backlog: number;
  try {
    await waitFor(() => queued.count() === 0, outboxBudgetMs / 2);
    backlog = queued.count();
  } finally {
    queued.close();
  }
  const before = ctx.sink.received;
  const start = performance.now();
  await enqueueMails(ctx.mailQueue, outboxMails);
  const expected = backlog + outboxMails;
  const complete = await waitFor(() => ctx.sink.received - before >= expected, outboxBudgetMs);
  const seconds = (performance.now() - start) / 1000;
  const delivered = ctx.sink.received - before;
  const detail =
    `${delivered} of ${expected} delivered in ${round(seconds, 2)} s` +
    `${backlog > 0 ? ` (${backlog} left from earlier phases)` : ''}${complete ? '' : ', budget ran out'}`;
  return [
    atLeast('outbox.drain', 'Outbox drain to SMTP', round(delivered / seconds), 'mails/s', 200, detail),
  ];
}
