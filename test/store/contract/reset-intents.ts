import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';

const LEASE_MS = 60_000;
const intent = (n: number) => ({
  sealedUsername: `sealed-${n}`,
  ip: `203.0.113.${n}`,
  userAgent: `agent ${n}`,
});

export function resetIntentContract(backend: ContractBackend): void {
  describe('reset intents', () => {
    const ctx = useStore(backend);

    test('when intents are added, then they are counted and claimed oldest first with what was stored', async () => {
      const first = await ctx.store.resetIntents.add(intent(1), T0);
      const second = await ctx.store.resetIntents.add(intent(2), minutesAfter(T0, 1));
      expect(await ctx.store.resetIntents.count()).toBe(2);

      const claimed = await ctx.store.resetIntents.claim(minutesAfter(T0, 2), 10, LEASE_MS);
      expect(claimed).toEqual([
        { id: first, ...intent(1), createdAt: T0, attempts: 1 },
        { id: second, ...intent(2), createdAt: minutesAfter(T0, 1), attempts: 1 },
      ]);
    });

    test('when an intent is leased, then nobody else claims it until the lease runs out, and each claim counts', async () => {
      const id = await ctx.store.resetIntents.add(intent(1), T0);
      expect(await ctx.store.resetIntents.claim(T0, 10, LEASE_MS)).toHaveLength(1);
      expect(await ctx.store.resetIntents.claim(minutesAfter(T0, 0.5), 10, LEASE_MS)).toEqual([]);
      const again = await ctx.store.resetIntents.claim(minutesAfter(T0, 1), 10, LEASE_MS);
      expect(again).toMatchObject([{ id, attempts: 2 }]);
    });

    test('when more are waiting than the limit, then one claim takes only the limit', async () => {
      for (let n = 0; n < 5; n++) await ctx.store.resetIntents.add(intent(n), T0);
      expect(await ctx.store.resetIntents.claim(T0, 3, LEASE_MS)).toHaveLength(3);
      expect(await ctx.store.resetIntents.claim(T0, 3, LEASE_MS)).toHaveLength(2);
    });

    test('when two instances claim at once, then each intent goes to exactly one of them', async () => {
      const other = await ctx.openAnother();
      const ids = [];
      for (let n = 0; n < 30; n++) ids.push(await ctx.store.resetIntents.add(intent(n), T0));
      const rounds = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? other : ctx.store).resetIntents.claim(T0, 5, LEASE_MS)),
      );
      const claimed = rounds.flat().map((claimedIntent) => claimedIntent.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual(ids.sort());
    });

    test('when an intent is removed, then it is gone for every instance, and removing it again is no error', async () => {
      const id = await ctx.store.resetIntents.add(intent(1), T0);
      await ctx.store.resetIntents.remove(id);
      await ctx.store.resetIntents.remove(id);
      const other = await ctx.openAnother();
      expect(await other.resetIntents.count()).toBe(0);
      expect(await other.resetIntents.claim(minutesAfter(T0, 60), 10, LEASE_MS)).toEqual([]);
    });
  });
}
