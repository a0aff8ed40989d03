import type { NewApiToken } from '../../../src/store';
import type { ContractBackend } from '../backend';
import { isRejected, minutesAfter, T0, useStore } from './harness';

function newToken(overrides: Partial<NewApiToken> = {}): NewApiToken {
  return {
    name: 'ServiceNow',
    tokenHash: 'a'.repeat(64),
    scopes: ['users:read', 'users:reset'],
    createdBy: 'admin-1',
    expiresAt: minutesAfter(T0, 90 * 24 * 60),
    ...overrides,
  };
}

export function apiTokenContract(backend: ContractBackend): void {
  describe('API tokens', () => {
    const ctx = useStore(backend);

    test('when a token is created, then it is found by its hash, whole, and listed newest first', async () => {
      const tokens = ctx.store.apiTokens;
      const first = await tokens.create(newToken(), T0);
      const second = await tokens.create(
        newToken({ name: 'Zendesk', tokenHash: 'b'.repeat(64), scopes: ['audit:read'] }),
        minutesAfter(T0, 1),
      );
      expect(first).toMatchObject({
        name: 'ServiceNow',
        scopes: ['users:read', 'users:reset'],
        createdBy: 'admin-1',
        createdAt: T0,
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(await tokens.findByHash('a'.repeat(64))).toEqual(first);
      expect(await tokens.findByHash('c'.repeat(64))).toBeNull();
      expect(await tokens.list()).toEqual([second, first]);
    });

    test('when a second token has the same hash, then it is refused', async () => {
      await ctx.store.apiTokens.create(newToken(), T0);
      expect(await isRejected(ctx.store.apiTokens.create(newToken({ name: 'copy' }), T0))).toBe(true);
      expect(await ctx.store.apiTokens.list()).toHaveLength(1);
    });

    test('when 10 revocations race on two instances, then exactly one answers true and the token stays listed as revoked', async () => {
      const token = await ctx.store.apiTokens.create(newToken(), T0);
      const other = await ctx.openAnother();
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : ctx.store).apiTokens.revoke(token.id, minutesAfter(T0, 5)),
        ),
      );
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.apiTokens.findByHash(token.tokenHash)).toMatchObject({
        revokedAt: minutesAfter(T0, 5),
      });
      expect(await ctx.store.apiTokens.revoke('no-such-token', T0)).toBe(false);
    });

    test('when a token is used, then its last use is recorded', async () => {
      const token = await ctx.store.apiTokens.create(newToken(), T0);
      await ctx.store.apiTokens.touch(token.id, minutesAfter(T0, 3));
      await ctx.store.apiTokens.touch(token.id, minutesAfter(T0, 7));
      expect(await ctx.store.apiTokens.findByHash(token.tokenHash)).toMatchObject({
        lastUsedAt: minutesAfter(T0, 7),
      });
    });
  });
}
