import type { NewSecureAccountToken, Store } from '../../../src/store';
import type { ContractBackend } from '../backend';
import { isRejected, minutesAfter, T0, useStore } from './harness';
import { createUser } from './users';

const WEEK_MINUTES = 7 * 24 * 60;

let tokenCounter = 0;

function newToken(userId: string, overrides: Partial<NewSecureAccountToken> = {}): NewSecureAccountToken {
  tokenCounter += 1;
  return {
    userId,
    tokenHash: `secure-token-hash-${tokenCounter}`,
    reason: 'password_changed',
    expiresAt: minutesAfter(T0, WEEK_MINUTES),
    ...overrides,
  };
}

async function userWithToken(store: Store) {
  const user = await createUser(store);
  const token = await store.secureAccountTokens.create(newToken(user.id), T0);
  return { user, token };
}

export function secureAccountTokenContract(backend: ContractBackend): void {
  describe('secure-account tokens', () => {
    const ctx = useStore(backend);

    test('when a token is created, then it reads back whole and is usable by its hash', async () => {
      const { user, token } = await userWithToken(ctx.store);
      expect(token).toMatchObject({
        userId: user.id,
        reason: 'password_changed',
        createdAt: T0,
        expiresAt: minutesAfter(T0, WEEK_MINUTES),
        usedAt: null,
      });
      expect(await ctx.store.secureAccountTokens.findUsable(token.tokenHash, T0)).toEqual(token);
      expect(await ctx.store.secureAccountTokens.findUsable('unknown', T0)).toBeNull();
    });

    test('when a second token has the same hash, then it is refused and the first stays usable', async () => {
      const { user, token } = await userWithToken(ctx.store);
      const duplicate = newToken(user.id, { tokenHash: token.tokenHash, reason: 'verification' });
      expect(await isRejected(ctx.store.secureAccountTokens.create(duplicate, T0))).toBe(true);
      expect(await ctx.store.secureAccountTokens.findUsable(token.tokenHash, T0)).toEqual(token);
    });

    test('when the token expires, then it is neither found nor used, whatever TTL cleanup did', async () => {
      const { token } = await userWithToken(ctx.store);
      const justBefore = new Date(token.expiresAt.getTime() - 1);
      expect(await ctx.store.secureAccountTokens.findUsable(token.tokenHash, justBefore)).not.toBeNull();
      expect(await ctx.store.secureAccountTokens.findUsable(token.tokenHash, token.expiresAt)).toBeNull();
      expect(await ctx.store.secureAccountTokens.use(token.id, token.expiresAt)).toBe(false);
    });

    test('when 20 confirmations use one token at once on two instances, then exactly one succeeds and it is spent', async () => {
      const { token } = await userWithToken(ctx.store);
      const other = await ctx.openAnother();
      const now = minutesAfter(T0, 5);
      const wins = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : ctx.store).secureAccountTokens.use(token.id, now),
        ),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.secureAccountTokens.findUsable(token.tokenHash, now)).toBeNull();
      expect(await ctx.store.secureAccountTokens.use(token.id, minutesAfter(now, 1))).toBe(false);
    });

    test('when tokens are purged, then those expired or used before the cutoff go and the others stay', async () => {
      const user = await createUser(ctx.store);
      const tokens = ctx.store.secureAccountTokens;
      await tokens.create(newToken(user.id, { expiresAt: minutesAfter(T0, 10) }), T0);
      const usedEarly = await tokens.create(newToken(user.id), T0);
      await tokens.use(usedEarly.id, minutesAfter(T0, 5));
      const usedLate = await tokens.create(newToken(user.id), T0);
      await tokens.use(usedLate.id, minutesAfter(T0, 30));
      const usable = await tokens.create(newToken(user.id, { reason: 'verification' }), T0);

      const cutoff = minutesAfter(T0, 20);
      expect(await tokens.purgeEnded(cutoff)).toBe(2);
      expect(await tokens.findUsable(usable.tokenHash, cutoff)).toEqual(usable);
      // Only the late-used token is left to go once the cutoff passes its use.
      expect(await tokens.purgeEnded(minutesAfter(T0, 40))).toBe(1);
      expect(await tokens.findUsable(usable.tokenHash, cutoff)).toEqual(usable);
    });
  });
}
