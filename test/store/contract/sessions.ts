import type { SessionRecord } from '../../../src/store';
import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';

function session(sid: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    sid,
    userId: 'user-1',
    data: JSON.stringify({ cookie: {}, userId: 'user-1' }),
    expiresAt: minutesAfter(T0, 30),
    createdAt: T0,
    lastSeenAt: T0,
    ip: '127.0.0.1',
    userAgent: 'contract-test',
    ...overrides,
  };
}

export function sessionContract(backend: ContractBackend): void {
  describe('sessions', () => {
    const ctx = useStore(backend);

    test('when a session is stored, then it reads back until it expires', async () => {
      const record = session('sid-1');
      await ctx.store.sessions.set(record);
      expect(await ctx.store.sessions.get('sid-1', T0)).toEqual(record);
      expect(await ctx.store.sessions.get('sid-1', minutesAfter(T0, 30))).toBeNull();
      expect(await ctx.store.sessions.get('unknown', T0)).toBeNull();
    });

    test('when a session is saved again, then data changes but the creation time stays', async () => {
      await ctx.store.sessions.set(session('sid-1'));
      const later = minutesAfter(T0, 10);
      await ctx.store.sessions.set(
        session('sid-1', {
          data: '{"v":2}',
          createdAt: later,
          lastSeenAt: later,
          expiresAt: minutesAfter(T0, 40),
        }),
      );
      expect(await ctx.store.sessions.get('sid-1', later)).toMatchObject({
        data: '{"v":2}',
        createdAt: T0,
        lastSeenAt: later,
        expiresAt: minutesAfter(T0, 40),
      });
    });

    test('when a session seen after `seenBefore` is touched, then nothing is written', async () => {
      await ctx.store.sessions.set(session('sid-1'));
      const seenBefore = (at: Date) => new Date(at.getTime() - 60_000);
      const early = new Date(T0.getTime() + 59_000);
      await ctx.store.sessions.touch('sid-1', minutesAfter(T0, 60), early, seenBefore(early));
      expect(await ctx.store.sessions.get('sid-1', T0)).toMatchObject({ lastSeenAt: T0 });
      await ctx.store.sessions.touch(
        'sid-1',
        minutesAfter(T0, 61),
        minutesAfter(T0, 1),
        seenBefore(minutesAfter(T0, 1)),
      );
      expect(await ctx.store.sessions.get('sid-1', T0)).toMatchObject({
        lastSeenAt: minutesAfter(T0, 1),
        expiresAt: minutesAfter(T0, 61),
      });
    });

    test('when a session is touched, then its expiry moves; destroy removes it', async () => {
      await ctx.store.sessions.set(session('sid-1'));
      await ctx.store.sessions.touch(
        'sid-1',
        minutesAfter(T0, 60),
        minutesAfter(T0, 20),
        minutesAfter(T0, 19),
      );
      expect(await ctx.store.sessions.get('sid-1', minutesAfter(T0, 45))).toMatchObject({
        lastSeenAt: minutesAfter(T0, 20),
      });
      await ctx.store.sessions.touch('unknown', minutesAfter(T0, 60), T0, T0);
      expect(await ctx.store.sessions.get('unknown', T0)).toBeNull();
      await ctx.store.sessions.destroy('sid-1');
      expect(await ctx.store.sessions.get('sid-1', T0)).toBeNull();
    });

    test("when a user's sessions are listed and deleted, then others and the kept one survive", async () => {
      await ctx.store.sessions.set(session('a', { lastSeenAt: minutesAfter(T0, 1) }));
      await ctx.store.sessions.set(session('b', { lastSeenAt: minutesAfter(T0, 2) }));
      await ctx.store.sessions.set(session('c', { lastSeenAt: minutesAfter(T0, 3) }));
      await ctx.store.sessions.set(session('old', { expiresAt: minutesAfter(T0, 1) }));
      await ctx.store.sessions.set(session('other', { userId: 'user-2' }));
      const now = minutesAfter(T0, 5);
      expect((await ctx.store.sessions.listByUser('user-1', now)).map((s) => s.sid)).toEqual(['c', 'b', 'a']);
      expect(await ctx.store.sessions.deleteByUser('user-1', 'b')).toBe(3);
      expect((await ctx.store.sessions.listByUser('user-1', now)).map((s) => s.sid)).toEqual(['b']);
      expect(await ctx.store.sessions.deleteByUser('user-1')).toBe(1);
      expect(await ctx.store.sessions.get('other', now)).not.toBeNull();
    });

    test('when sessions were last seen at the same time, then they are listed in sid order', async () => {
      for (const sid of ['b', 'c', 'a']) await ctx.store.sessions.set(session(sid));
      expect((await ctx.store.sessions.listByUser('user-1', T0)).map((s) => s.sid)).toEqual(['a', 'b', 'c']);
    });

    test('when expired sessions are purged, then live ones remain', async () => {
      await ctx.store.sessions.set(session('old', { expiresAt: minutesAfter(T0, 1) }));
      await ctx.store.sessions.set(session('live', { expiresAt: minutesAfter(T0, 60) }));
      expect(await ctx.store.sessions.purgeExpired(minutesAfter(T0, 5))).toBe(1);
      expect(await ctx.store.sessions.get('live', minutesAfter(T0, 5))).not.toBeNull();
    });
  });
}
