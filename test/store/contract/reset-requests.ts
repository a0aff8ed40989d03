import type { NewResetRequest, Store } from '../../../src/store';
import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';
import { createUser } from './users';

let tokenCounter = 0;

function newRequest(userId: string, overrides: Partial<NewResetRequest> = {}): NewResetRequest {
  tokenCounter += 1;
  return {
    userId,
    tokenHash: `token-hash-${tokenCounter}`,
    codeHash: `code-hash-${tokenCounter}`,
    purpose: 'reset',
    requestedBy: null,
    ip: '127.0.0.1',
    userAgent: 'contract-test',
    outboxId: null,
    expiresAt: minutesAfter(T0, 15),
    maxAttempts: 5,
    ...overrides,
  };
}

async function userWithRequest(store: Store) {
  const user = await createUser(store);
  const request = await store.resetRequests.create(newRequest(user.id), T0);
  return { user, request };
}

export function resetRequestContract(backend: ContractBackend): void {
  describe('reset requests', () => {
    const ctx = useStore(backend);

    test('when a request is created, then it is open by token hash and by user', async () => {
      const { user, request } = await userWithRequest(ctx.store);
      expect(request).toMatchObject({
        userId: user.id,
        failedAttempts: 0,
        consumedAt: null,
        voidedAt: null,
        createdAt: T0,
        expiresAt: minutesAfter(T0, 15),
      });
      expect(await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, T0)).toEqual(request);
      expect(await ctx.store.resetRequests.findOpenByUser(user.id, T0)).toEqual(request);
      expect(await ctx.store.resetRequests.findOpenByTokenHash('unknown', T0)).toBeNull();
    });

    test('when a new request is created, then the older open one is void', async () => {
      const { user, request: older } = await userWithRequest(ctx.store);
      const newer = await ctx.store.resetRequests.create(newRequest(user.id), minutesAfter(T0, 1));
      const now = minutesAfter(T0, 2);
      expect(await ctx.store.resetRequests.findOpenByTokenHash(older.tokenHash, now)).toBeNull();
      expect(await ctx.store.resetRequests.findOpenByTokenHash(newer.tokenHash, now)).not.toBeNull();
      expect((await ctx.store.resetRequests.findOpenByUser(user.id, now))!.id).toBe(newer.id);
      const history = await ctx.store.resetRequests.listRecentForUser(user.id, 10);
      expect(history.map((r) => r.id)).toEqual([newer.id, older.id]);
      expect(history[1]!.voidedAt).toEqual(minutesAfter(T0, 1));
    });

    test('when the expiry time is reached, then the query no longer finds it, whatever TTL cleanup did', async () => {
      const { user, request } = await userWithRequest(ctx.store);
      const justBefore = new Date(request.expiresAt.getTime() - 1);
      expect(await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, justBefore)).not.toBeNull();
      expect(
        await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, request.expiresAt),
      ).toBeNull();
      expect(await ctx.store.resetRequests.findOpenByUser(user.id, request.expiresAt)).toBeNull();
      expect(await ctx.store.resetRequests.consume(request.id, request.expiresAt)).toBe(false);
      expect(await ctx.store.resetRequests.recordFailedAttempt(request.id, request.expiresAt)).toBeNull();
    });

    test('when 20 wrong codes arrive at once on a 5-attempt request, then exactly 5 are recorded', async () => {
      const { request } = await userWithRequest(ctx.store);
      const other = await ctx.openAnother();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : ctx.store).resetRequests.recordFailedAttempt(request.id, T0),
        ),
      );
      const recorded = results.filter((left): left is number => left !== null);
      expect(recorded.sort()).toEqual([0, 1, 2, 3, 4]);
      const [stored] = await ctx.store.resetRequests.listRecentForUser(request.userId, 1);
      expect(stored!.failedAttempts).toBe(5);
      expect(await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, T0)).toBeNull();
      expect(await ctx.store.resetRequests.consume(request.id, T0)).toBe(false);
    });

    test('when two instances consume one request at once, then exactly one wins', async () => {
      const { request } = await userWithRequest(ctx.store);
      const other = await ctx.openAnother();
      const wins = await Promise.all([
        ctx.store.resetRequests.consume(request.id, T0),
        other.resetRequests.consume(request.id, T0),
        ctx.store.resetRequests.consume(request.id, T0),
        other.resetRequests.consume(request.id, T0),
      ]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, T0)).toBeNull();
      const [stored] = await ctx.store.resetRequests.listRecentForUser(request.userId, 1);
      expect(stored!.consumedAt).toEqual(T0);
    });

    test('when all requests of a user are voided, then other users keep theirs', async () => {
      const { user, request } = await userWithRequest(ctx.store);
      const grace = await createUser(ctx.store, { username: 'grace@example.org' });
      const graces = await ctx.store.resetRequests.create(newRequest(grace.id), T0);
      expect(await ctx.store.resetRequests.voidAllForUser(user.id, T0)).toBe(1);
      expect(await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, T0)).toBeNull();
      expect(await ctx.store.resetRequests.findOpenByTokenHash(graces.tokenHash, T0)).not.toBeNull();
      expect(await ctx.store.resetRequests.voidAllForUser(user.id, T0)).toBe(0);
    });

    test('when only an expired request is left, then voiding counts nothing and leaves its history alone', async () => {
      const { user, request } = await userWithRequest(ctx.store);
      expect(await ctx.store.resetRequests.voidAllForUser(user.id, request.expiresAt)).toBe(0);
      const [stored] = await ctx.store.resetRequests.listRecentForUser(user.id, 1);
      expect(stored!.voidedAt).toBeNull();
    });

    test('when a request is created with its outbox item, then the request history shows it', async () => {
      const user = await createUser(ctx.store);
      await ctx.store.resetRequests.create(newRequest(user.id, { outboxId: 'outbox-1' }), T0);
      const [stored] = await ctx.store.resetRequests.listRecentForUser(user.id, 5);
      expect(stored!.outboxId).toBe('outbox-1');
    });

    test('when expired requests are purged, then only those expired before the cutoff go', async () => {
      const user = await createUser(ctx.store);
      const grace = await createUser(ctx.store, { username: 'grace@example.org' });
      await ctx.store.resetRequests.create(newRequest(user.id, { expiresAt: minutesAfter(T0, 10) }), T0);
      await ctx.store.resetRequests.create(newRequest(grace.id, { expiresAt: minutesAfter(T0, 30) }), T0);
      expect(await ctx.store.resetRequests.purgeExpired(minutesAfter(T0, 20))).toBe(1);
      expect(await ctx.store.resetRequests.listRecentForUser(user.id, 5)).toEqual([]);
      expect(await ctx.store.resetRequests.listRecentForUser(grace.id, 5)).toHaveLength(1);
    });
  });
}
