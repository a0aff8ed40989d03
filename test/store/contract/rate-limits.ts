import type { ContractBackend } from '../backend';
import { HOUR } from '../../../src/time';
import { minutesAfter, T0, useStore } from './harness';

export function rateLimitContract(backend: ContractBackend): void {
  describe('rate limits', () => {
    const ctx = useStore(backend);

    test('when hits arrive within the window, then they count up; after it, counting restarts', async () => {
      expect(await ctx.store.rateLimits.hit('ip:1', HOUR, T0)).toEqual({
        count: 1,
        resetAt: minutesAfter(T0, 60),
      });
      expect(await ctx.store.rateLimits.hit('ip:1', HOUR, minutesAfter(T0, 59))).toEqual({
        count: 2,
        resetAt: minutesAfter(T0, 60),
      });
      expect(await ctx.store.rateLimits.hit('ip:2', HOUR, T0)).toMatchObject({ count: 1 });
      expect(await ctx.store.rateLimits.hit('ip:1', HOUR, minutesAfter(T0, 60))).toEqual({
        count: 1,
        resetAt: minutesAfter(T0, 120),
      });
    });

    test('when two instances hit one key at once, then every hit is counted once', async () => {
      const other = await ctx.openAnother();
      const counts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? other : ctx.store).rateLimits.hit('acct:x', HOUR, T0)),
      );
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    });

    test('when a hit is undone or the key reset, then the count follows and never goes negative', async () => {
      await ctx.store.rateLimits.hit('k', HOUR, T0);
      await ctx.store.rateLimits.undo('k');
      await ctx.store.rateLimits.undo('k');
      expect(await ctx.store.rateLimits.hit('k', HOUR, T0)).toMatchObject({ count: 1 });
      await ctx.store.rateLimits.reset('k');
      expect(await ctx.store.rateLimits.hit('k', HOUR, minutesAfter(T0, 5))).toEqual({
        count: 1,
        resetAt: minutesAfter(T0, 65),
      });
    });

    test('when undos arrive at once on two instances, then each removes one hit and the count stops at zero', async () => {
      const other = await ctx.openAnother();
      for (let i = 0; i < 5; i++) await ctx.store.rateLimits.hit('k', HOUR, T0);
      const undoAtOnce = (times: number) =>
        Promise.all(
          Array.from({ length: times }, (_, i) => (i % 2 ? other : ctx.store).rateLimits.undo('k')),
        );
      await undoAtOnce(3);
      expect(await ctx.store.rateLimits.count('k', T0)).toBe(2);
      await undoAtOnce(10);
      expect(await other.rateLimits.count('k', T0)).toBe(0);
      expect(await ctx.store.rateLimits.hit('k', HOUR, T0)).toMatchObject({ count: 1 });
    });

    test('when a count is read, then it adds nothing and reads 0 once the window is over', async () => {
      expect(await ctx.store.rateLimits.count('k', T0)).toBe(0);
      await ctx.store.rateLimits.hit('k', HOUR, T0);
      await ctx.store.rateLimits.hit('k', HOUR, T0);
      expect(await ctx.store.rateLimits.count('k', minutesAfter(T0, 59))).toBe(2);
      expect(await ctx.store.rateLimits.count('k', minutesAfter(T0, 59))).toBe(2);
      expect(await ctx.store.rateLimits.count('k', minutesAfter(T0, 60))).toBe(0);
    });

    test('when windows are over, then purge removes them', async () => {
      await ctx.store.rateLimits.hit('short', 60_000, T0);
      await ctx.store.rateLimits.hit('long', HOUR, T0);
      expect(await ctx.store.rateLimits.purgeExpired(minutesAfter(T0, 2))).toBe(1);
      expect(await ctx.store.rateLimits.hit('long', HOUR, minutesAfter(T0, 2))).toMatchObject({ count: 2 });
    });
  });
}
