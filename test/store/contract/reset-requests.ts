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
        consumingUntil: null,
        consumedAt: null,
        voidedAt: null,
        createdAt: T0,
        expiresAt: minutesAfter(T0, 15),
      });
      expect(await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, T0)).toEqual(request);
      expect(await ctx.store.resetRequests.findOpenCodeByUser(user.id, T0)).toEqual({
        id: request.id,
        tokenHash: request.tokenHash,
        codeHash: request.codeHash,
      });
      expect(await ctx.store.resetRequests.findOpenCodeByUser('someone-else', T0)).toBeNull();
      expect(await ctx.store.resetRequests.findOpenByTokenHash('unknown', T0)).toBeNull();
    });

    test('when a new request is created, then the older open one is void', async () => {
      const { user, request: older } = await userWithRequest(ctx.store);
      const newer = await ctx.store.resetRequests.create(newRequest(user.id), minutesAfter(T0, 1));
      const now = minutesAfter(T0, 2);
      expect(await ctx.store.resetRequests.findOpenByTokenHash(older.tokenHash, now)).toBeNull();
      expect(await ctx.store.resetRequests.findOpenByTokenHash(newer.tokenHash, now)).not.toBeNull();
      expect((await ctx.store.resetRequests.findOpenCodeByUser(user.id, now))!.id).toBe(newer.id);
      const history = await ctx.store.resetRequests.listRecentForUser(user.id, 10);
      expect(history.map((r) => r.id)).toEqual([newer.id, older.id]);
      expect(history[1]!.voidedAt).toEqual(minutesAfter(T0, 1));
    });

    test('when requests are created at the same time, then the last created comes first and is the open one', async () => {
      const user = await createUser(ctx.store);
      const created = [];
      for (let i = 0; i < 3; i++) created.push(await ctx.store.resetRequests.create(newRequest(user.id), T0));
      const [first, second, third] = created.map((request) => request.id);
      const history = await ctx.store.resetRequests.listRecentForUser(user.id, 10);
      expect(history.map((r) => r.id)).toEqual([third, second, first]);
      expect((await ctx.store.resetRequests.listRecentForUser(user.id, 2)).map((r) => r.id)).toEqual([
        third,
        second,
      ]);
      expect((await ctx.store.resetRequests.findOpenCodeByUser(user.id, T0))!.id).toBe(third);
    });

    test('when 20 requests for one user are created at once on two instances, then exactly one stays open, the last created', async () => {
      const user = await createUser(ctx.store);
      const other = await ctx.openAnother();
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : ctx.store).resetRequests.create(newRequest(user.id), T0),
        ),
      );
      const last = created[created.length - 1]!;
      const history = await ctx.store.resetRequests.listRecentForUser(user.id, 30);
      expect(history.map((r) => r.id)).toEqual(created.map((r) => r.id).reverse());
      expect(history.filter((r) => r.voidedAt === null).map((r) => r.id)).toEqual([last.id]);
      expect((await other.resetRequests.findOpenCodeByUser(user.id, T0))!.id).toBe(last.id);
      const openByToken = await Promise.all(
        created.map((r) => ctx.store.resetRequests.findOpenByTokenHash(r.tokenHash, T0)),
      );
      expect(openByToken.filter((r) => r !== null).map((r) => r!.id)).toEqual([last.id]);
    });

    test('when the expiry time is reached, then the query no longer finds it, whatever TTL cleanup did', async () => {
      const { user, request } = await userWithRequest(ctx.store);
      const justBefore = new Date(request.expiresAt.getTime() - 1);
      expect(await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, justBefore)).not.toBeNull();
      expect(
        await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, request.expiresAt),
      ).toBeNull();
      expect(await ctx.store.resetRequests.findOpenCodeByUser(user.id, request.expiresAt)).toBeNull();
      const later = minutesAfter(request.expiresAt, 1);
      expect(await ctx.store.resetRequests.claim(request.id, request.expiresAt, later)).toBe(false);
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
      expect(await ctx.store.resetRequests.claim(request.id, T0, minutesAfter(T0, 1))).toBe(false);
    });

    test('when two instances claim one request at once, then exactly one wins and holds it for the lease', async () => {
      const { request } = await userWithRequest(ctx.store);
      const other = await ctx.openAnother();
      const leaseUntil = minutesAfter(T0, 1);
      const wins = await Promise.all([
        ctx.store.resetRequests.claim(request.id, T0, leaseUntil),
        other.resetRequests.claim(request.id, T0, leaseUntil),
        ctx.store.resetRequests.claim(request.id, T0, leaseUntil),
        other.resetRequests.claim(request.id, T0, leaseUntil),
      ]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, T0)).toBeNull();
      const [stored] = await ctx.store.resetRequests.listRecentForUser(request.userId, 1);
      expect(stored).toMatchObject({ consumingUntil: leaseUntil, consumedAt: null });
    });

    test('when a claim is held, then the request is neither found, nor failed, nor claimed again until the lease ends', async () => {
      const { user, request } = await userWithRequest(ctx.store);
      const other = await ctx.openAnother();
      const leaseUntil = minutesAfter(T0, 1);
      expect(await ctx.store.resetRequests.claim(request.id, T0, leaseUntil)).toBe(true);
      const during = new Date(leaseUntil.getTime() - 1);
      expect(await other.resetRequests.findOpenByTokenHash(request.tokenHash, during)).toBeNull();
      expect(await other.resetRequests.findOpenCodeByUser(user.id, during)).toBeNull();
      expect(await other.resetRequests.recordFailedAttempt(request.id, during)).toBeNull();
      expect(await other.resetRequests.claim(request.id, during, minutesAfter(during, 1))).toBe(false);
    });

    test("when a claim's lease runs out unfinished (its holder crashed), then the request is open again and one new claim wins", async () => {
      const { user, request } = await userWithRequest(ctx.store);
      const other = await ctx.openAnother();
      const leaseUntil = minutesAfter(T0, 1);
      expect(await ctx.store.resetRequests.claim(request.id, T0, leaseUntil)).toBe(true);
      expect((await other.resetRequests.findOpenByTokenHash(request.tokenHash, leaseUntil))!.id).toBe(
        request.id,
      );
      expect((await other.resetRequests.findOpenCodeByUser(user.id, leaseUntil))!.id).toBe(request.id);
      const next = minutesAfter(leaseUntil, 1);
      const wins = await Promise.all([
        ctx.store.resetRequests.claim(request.id, leaseUntil, next),
        other.resetRequests.claim(request.id, leaseUntil, next),
      ]);
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    test('when a claim is marked consumed, then the request never opens again and a second mark changes nothing', async () => {
      const { user, request } = await userWithRequest(ctx.store);
      const leaseUntil = minutesAfter(T0, 1);
      expect(await ctx.store.resetRequests.claim(request.id, T0, leaseUntil)).toBe(true);
      await ctx.store.resetRequests.markConsumed(request.id, minutesAfter(T0, 0.5));
      await ctx.store.resetRequests.markConsumed(request.id, minutesAfter(T0, 0.75));
      const afterLease = minutesAfter(leaseUntil, 1);
      expect(await ctx.store.resetRequests.findOpenByTokenHash(request.tokenHash, afterLease)).toBeNull();
      expect(await ctx.store.resetRequests.findOpenCodeByUser(user.id, afterLease)).toBeNull();
      expect(await ctx.store.resetRequests.claim(request.id, afterLease, minutesAfter(afterLease, 1))).toBe(
        false,
      );
      const [stored] = await ctx.store.resetRequests.listRecentForUser(user.id, 1);
      expect(stored!.consumedAt).toEqual(minutesAfter(T0, 0.5));
    });

    test('when a newer request arrives while an older one is claimed, then the older is voided and stays dead after its lease', async () => {
      const { user, request: older } = await userWithRequest(ctx.store);
      const leaseUntil = minutesAfter(T0, 1);
      expect(await ctx.store.resetRequests.claim(older.id, T0, leaseUntil)).toBe(true);
      const newer = await ctx.store.resetRequests.create(newRequest(user.id), minutesAfter(T0, 0.5));
      const afterLease = minutesAfter(leaseUntil, 1);
      expect(await ctx.store.resetRequests.findOpenByTokenHash(older.tokenHash, afterLease)).toBeNull();
      expect((await ctx.store.resetRequests.findOpenCodeByUser(user.id, afterLease))!.id).toBe(newer.id);
      expect(await ctx.store.resetRequests.voidAllForUser(user.id, afterLease)).toBe(1);
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
