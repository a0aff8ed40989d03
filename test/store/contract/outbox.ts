import type { OutboxChannel, OutboxDraft } from '../../../src/store';
import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';

const LEASE = 60_000;
/** Long after every time these tests move to, unless a test is about expiry. */
const USEFUL_UNTIL = minutesAfter(T0, 7 * 24 * 60);

/** A draft for no particular account, useful until `usefulUntil`. */
function draft(payload: string, channel: OutboxChannel = 'email', usefulUntil = USEFUL_UNTIL): OutboxDraft {
  return { channel, payload, usefulUntil, userId: null };
}

export function outboxContract(backend: ContractBackend): void {
  describe('outbox', () => {
    const ctx = useStore(backend);

    test('when an item is claimed, then it is leased to that claimer until the lease runs out', async () => {
      const queued = await ctx.store.outbox.enqueue(draft('ciphertext'), T0);
      expect(queued).toMatchObject({
        status: 'queued',
        attempts: 0,
        payload: 'ciphertext',
        nextAttemptAt: T0,
      });
      const [claimed] = await ctx.store.outbox.claimDue(T0, 10, LEASE);
      expect(claimed).toMatchObject({ id: queued.id, attempts: 1, leaseUntil: minutesAfter(T0, 1) });
      expect(await ctx.store.outbox.claimDue(T0, 10, LEASE)).toEqual([]);
      const reclaimed = await ctx.store.outbox.claimDue(minutesAfter(T0, 1), 10, LEASE);
      expect(reclaimed.map((item) => [item.id, item.attempts])).toEqual([[queued.id, 2]]);
    });

    test('when an item is queued for an account, then it keeps that account id; a draft without one keeps null', async () => {
      const draft = { channel: 'email' as const, payload: 'ciphertext', usefulUntil: USEFUL_UNTIL };
      const mine = await ctx.store.outbox.enqueue({ ...draft, userId: 'user-1' }, T0);
      const nobody = await ctx.store.outbox.enqueue({ ...draft, userId: null }, T0);
      expect((await ctx.store.outbox.findById(mine.id))!.userId).toBe('user-1');
      expect((await ctx.store.outbox.findById(nobody.id))!.userId).toBeNull();
    });

    test('when an item is sent, then its payload is purged and it is never claimed again', async () => {
      const queued = await ctx.store.outbox.enqueue(draft('ciphertext', 'sms'), T0);
      await ctx.store.outbox.claimDue(T0, 10, LEASE);
      await ctx.store.outbox.markSent(queued.id, minutesAfter(T0, 0.5));
      expect(await ctx.store.outbox.findById(queued.id)).toMatchObject({
        status: 'sent',
        payload: null,
        channel: 'sms',
        sentAt: minutesAfter(T0, 0.5),
      });
      expect(await ctx.store.outbox.claimDue(minutesAfter(T0, 10), 10, LEASE)).toEqual([]);
    });

    test('when delivery fails, then the item waits for its retry time, or ends failed without payload', async () => {
      const queued = await ctx.store.outbox.enqueue(draft('ciphertext'), T0);
      await ctx.store.outbox.claimDue(T0, 10, LEASE);
      await ctx.store.outbox.markFailed(queued.id, 'connection refused', minutesAfter(T0, 5), T0);
      expect(await ctx.store.outbox.claimDue(minutesAfter(T0, 4), 10, LEASE)).toEqual([]);
      const [retried] = await ctx.store.outbox.claimDue(minutesAfter(T0, 5), 10, LEASE);
      expect(retried).toMatchObject({ id: queued.id, attempts: 2, lastError: 'connection refused' });
      await ctx.store.outbox.markFailed(queued.id, 'mailbox unavailable', null, minutesAfter(T0, 5));
      expect(await ctx.store.outbox.findById(queued.id)).toMatchObject({
        status: 'failed',
        payload: null,
        lastError: 'mailbox unavailable',
      });
      expect(await ctx.store.outbox.claimDue(minutesAfter(T0, 60), 10, LEASE)).toEqual([]);
    });

    test('when a late worker reports failure for an item already sent, then the item stays sent', async () => {
      const queued = await ctx.store.outbox.enqueue(draft('ciphertext'), T0);
      await ctx.store.outbox.claimDue(T0, 10, LEASE);
      await ctx.store.outbox.markSent(queued.id, T0);
      await ctx.store.outbox.markFailed(queued.id, 'timeout', null, minutesAfter(T0, 2));
      await ctx.store.outbox.markFailed(queued.id, 'timeout', minutesAfter(T0, 5), minutesAfter(T0, 2));
      expect(await ctx.store.outbox.findById(queued.id)).toMatchObject({ status: 'sent', lastError: null });
    });

    test('when items are due later or the limit is small, then claims respect both, oldest first', async () => {
      const first = await ctx.store.outbox.enqueue(draft('a'), T0);
      const second = await ctx.store.outbox.enqueue(draft('b'), minutesAfter(T0, 1));
      await ctx.store.outbox.enqueue(draft('c'), minutesAfter(T0, 10));
      expect((await ctx.store.outbox.claimDue(minutesAfter(T0, 2), 1, LEASE)).map((i) => i.id)).toEqual([
        first.id,
      ]);
      expect((await ctx.store.outbox.claimDue(minutesAfter(T0, 2), 5, LEASE)).map((i) => i.id)).toEqual([
        second.id,
      ]);
    });

    test('when two store instances claim the same queue at once, then no item is claimed twice', async () => {
      const other = await ctx.openAnother();
      const ids = new Set<string>();
      for (let i = 0; i < 40; i++) ids.add((await ctx.store.outbox.enqueue(draft(`m${i}`), T0)).id);
      const claimed: string[] = [];
      await Promise.all(
        [ctx.store, other, ctx.store, other].map(async (store) => {
          for (let round = 0; round < 20; round++) {
            const batch = await store.outbox.claimDue(T0, 3, LEASE);
            claimed.push(...batch.map((item) => item.id));
          }
        }),
      );
      expect(claimed).toHaveLength(40);
      expect(new Set(claimed)).toEqual(ids);
    });

    test('when finished items are purged, then queued ones stay', async () => {
      const sent = await ctx.store.outbox.enqueue(draft('a'), T0);
      const queued = await ctx.store.outbox.enqueue(draft('b'), T0);
      await ctx.store.outbox.markSent(sent.id, T0);
      expect(await ctx.store.outbox.purgeFinished(minutesAfter(T0, 1))).toBe(1);
      expect(await ctx.store.outbox.findById(sent.id)).toBeNull();
      expect(await ctx.store.outbox.findById(queued.id)).not.toBeNull();
    });

    test('when an item outlives its useful time, then it is no longer claimed but expired once, with its payload handed back', async () => {
      const item = await ctx.store.outbox.enqueue(
        { channel: 'email', payload: 'ciphertext', usefulUntil: minutesAfter(T0, 15), userId: null },
        T0,
      );
      expect(item.usefulUntil).toEqual(minutesAfter(T0, 15));
      await ctx.store.outbox.claimDue(T0, 10, LEASE);
      await ctx.store.outbox.markFailed(item.id, 'connection refused', minutesAfter(T0, 15), T0);
      expect(await ctx.store.outbox.expireDue(minutesAfter(T0, 14), 10)).toEqual([]);

      expect(await ctx.store.outbox.claimDue(minutesAfter(T0, 15), 10, LEASE)).toEqual([]);
      const expired = await ctx.store.outbox.expireDue(minutesAfter(T0, 15), 10);

      expect(expired).toMatchObject([
        {
          id: item.id,
          status: 'queued',
          payload: 'ciphertext',
          attempts: 1,
          lastError: 'connection refused',
        },
      ]);
      expect(await ctx.store.outbox.findById(item.id)).toMatchObject({
        status: 'expired',
        payload: null,
        leaseUntil: null,
        lastError: 'connection refused',
      });
      expect(await ctx.store.outbox.expireDue(minutesAfter(T0, 60), 10)).toEqual([]);
      await ctx.store.outbox.markFailed(item.id, 'timeout', minutesAfter(T0, 70), minutesAfter(T0, 60));
      expect((await ctx.store.outbox.findById(item.id))!.status).toBe('expired');
      expect(await ctx.store.outbox.purgeFinished(minutesAfter(T0, 16))).toBe(1);
    });

    test('when an expired item is held by a worker, then it is expired only after the lease, and sent items never', async () => {
      const held = await ctx.store.outbox.enqueue(
        { channel: 'email', payload: 'a', usefulUntil: minutesAfter(T0, 0.5), userId: null },
        T0,
      );
      const sent = await ctx.store.outbox.enqueue(
        { channel: 'email', payload: 'b', usefulUntil: minutesAfter(T0, 0.5), userId: null },
        T0,
      );
      await ctx.store.outbox.claimDue(T0, 10, LEASE);
      await ctx.store.outbox.markSent(sent.id, T0);

      expect(await ctx.store.outbox.expireDue(minutesAfter(T0, 0.5), 10)).toEqual([]);
      const expired = await ctx.store.outbox.expireDue(minutesAfter(T0, 1), 10);

      expect(expired.map((item) => item.id)).toEqual([held.id]);
      expect((await ctx.store.outbox.findById(sent.id))!.status).toBe('sent');
    });

    test('when two store instances expire the same items at once, then each item is returned once', async () => {
      const other = await ctx.openAnother();
      const ids = new Set<string>();
      for (let i = 0; i < 30; i++) {
        ids.add(
          (
            await ctx.store.outbox.enqueue(
              { channel: 'email', payload: `m${i}`, usefulUntil: minutesAfter(T0, 1), userId: null },
              T0,
            )
          ).id,
        );
      }
      const expired: string[] = [];
      await Promise.all(
        [ctx.store, other, ctx.store, other].map(async (store) => {
          for (let round = 0; round < 15; round++) {
            const batch = await store.outbox.expireDue(minutesAfter(T0, 2), 3);
            expired.push(...batch.map((item) => item.id));
          }
        }),
      );
      expect(expired).toHaveLength(30);
      expect(new Set(expired)).toEqual(ids);
    });

    test('when items wait, fail or finish, then the backlog counts only the queued ones and when the oldest failing one was queued', async () => {
      expect(await ctx.store.outbox.backlog()).toEqual({ queued: 0, retrying: 0, oldestRetryingSince: null });
      const early = await ctx.store.outbox.enqueue(draft('a'), T0);
      const later = await ctx.store.outbox.enqueue(draft('b', 'sms'), minutesAfter(T0, 1));
      await ctx.store.outbox.enqueue(draft('c'), minutesAfter(T0, 2));
      const sent = await ctx.store.outbox.enqueue(draft('d'), T0);
      expect(await ctx.store.outbox.backlog()).toEqual({ queued: 4, retrying: 0, oldestRetryingSince: null });

      await ctx.store.outbox.claimDue(minutesAfter(T0, 2), 10, LEASE);
      await ctx.store.outbox.markSent(sent.id, minutesAfter(T0, 2));
      await ctx.store.outbox.markFailed(later.id, 'timeout', minutesAfter(T0, 5), minutesAfter(T0, 2));
      await ctx.store.outbox.markFailed(early.id, 'refused', minutesAfter(T0, 5), minutesAfter(T0, 2));
      expect(await ctx.store.outbox.backlog()).toEqual({ queued: 3, retrying: 2, oldestRetryingSince: T0 });

      await ctx.store.outbox.markFailed(early.id, '550 rejected', null, minutesAfter(T0, 5));
      expect(await ctx.store.outbox.backlog()).toEqual({
        queued: 2,
        retrying: 1,
        oldestRetryingSince: minutesAfter(T0, 1),
      });
    });
  });
}
