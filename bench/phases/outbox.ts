import { atLeast, round, type Figure } from '../figures';
import { enqueueMails, openQueuedMailCounter } from '../fixtures';
import type { BenchContext } from '../context';
import { waitFor } from '../wait';

const POLL_MS = 20;

/**
 * Mails queued through the store (as the app queues them: validated, encrypted) and drained by the
 * running server's worker into the SMTP sink. Mail the earlier phases queued is let through first,
 * and whatever is still queued when the clock starts is counted with the batch. This process's
 * writes ring no doorbell in the server, whose worker finds them at its next poll (up to
 * OUTBOX_POLL_MS later), so the clock starts at the first mail delivered: the figure is the drain rate.
 */
export async function measureOutboxDrain(ctx: BenchContext): Promise<Figure[]> {
  const { outboxMails, outboxBudgetMs } = ctx.profile;
  const queued = openQueuedMailCounter(ctx.sqlitePath);
  let backlog: number;
  try {
    await waitFor(() => queued.count() === 0, outboxBudgetMs / 2, POLL_MS);
    backlog = queued.count();
  } finally {
    queued.close();
  }
  const before = ctx.sink.received;
  await enqueueMails(ctx.mailQueue, outboxMails);
  const expected = backlog + outboxMails;
  await waitFor(() => ctx.sink.received > before, outboxBudgetMs, 1);
  const start = ctx.sink.lastAt;
  const firsts = ctx.sink.received - before;
  const complete = await waitFor(() => ctx.sink.received - before >= expected, outboxBudgetMs, POLL_MS);
  const seconds = (ctx.sink.lastAt - start) / 1000;
  const delivered = ctx.sink.received - before - firsts;
  const detail =
    `${delivered + firsts} of ${expected} delivered, ${delivered} in ${round(seconds, 2)} s after the first` +
    `${backlog > 0 ? ` (${backlog} left from earlier phases)` : ''}${complete ? '' : ', budget ran out'}`;
  return [
    atLeast('outbox.drain', 'Outbox drain to SMTP', round(delivered / seconds), 'mails/s', 1_000, detail),
  ];
}
