import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';

const DAY_LATER = minutesAfter(T0, 24 * 60);

export function idempotencyKeyContract(backend: ContractBackend): void {
  describe('idempotency keys', () => {
    const ctx = useStore(backend);

    test('when a key is claimed and completed, then a second claim gets the stored answer', async () => {
      const keys = ctx.store.idempotencyKeys;
      expect(await keys.claim('token-1:abc', 'hash-1', T0, DAY_LATER)).toEqual({ claimed: true });
      const running = await keys.claim('token-1:abc', 'hash-1', minutesAfter(T0, 1), DAY_LATER);
      expect(running).toEqual({
        claimed: false,
        record: {
          key: 'token-1:abc',
          requestHash: 'hash-1',
          status: null,
          body: null,
          createdAt: T0,
          expiresAt: DAY_LATER,
        },
      });
      await keys.complete('token-1:abc', 202, '{"id":"r1"}');
      const done = await keys.claim('token-1:abc', 'hash-2', minutesAfter(T0, 2), DAY_LATER);
      expect(done).toMatchObject({
        claimed: false,
        record: { requestHash: 'hash-1', status: 202, body: '{"id":"r1"}' },
      });
      expect(await keys.claim('token-2:abc', 'hash-1', T0, DAY_LATER)).toEqual({ claimed: true });
    });

    test('when a record has expired, then the key is claimed anew, and purge removes expired records', async () => {
      const keys = ctx.store.idempotencyKeys;
      await keys.claim('k', 'old', T0, minutesAfter(T0, 10));
      await keys.complete('k', 200, '{}');
      expect(await keys.claim('k', 'new', minutesAfter(T0, 10), minutesAfter(T0, 20))).toEqual({
        claimed: true,
      });
      expect(await keys.claim('k', 'new', minutesAfter(T0, 11), minutesAfter(T0, 21))).toMatchObject({
        claimed: false,
        record: { requestHash: 'new', status: null },
      });
      await keys.claim('other', 'h', T0, minutesAfter(T0, 5));
      expect(await keys.purgeExpired(minutesAfter(T0, 15))).toBe(1);
      expect(await keys.claim('other', 'h', minutesAfter(T0, 15), DAY_LATER)).toEqual({ claimed: true });
    });

    test('when a running claim is released, then the key can be claimed again; a completed one stays', async () => {
      const keys = ctx.store.idempotencyKeys;
      await keys.claim('k', 'h', T0, DAY_LATER);
      await keys.release('k');
      expect(await keys.claim('k', 'h', T0, DAY_LATER)).toEqual({ claimed: true });
      await keys.complete('k', 201, '{}');
      await keys.release('k');
      expect(await keys.claim('k', 'h', T0, DAY_LATER)).toMatchObject({
        claimed: false,
        record: { status: 201 },
      });
    });

    test('when 10 claims of one key race on two instances, then exactly one claims it', async () => {
      const other = await ctx.openAnother();
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : ctx.store).idempotencyKeys.claim('race', 'h', T0, DAY_LATER),
        ),
      );
      expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    });
  });
}
