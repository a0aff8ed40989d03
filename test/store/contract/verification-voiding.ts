import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';
import { createUser } from './users';
import {
  AGENT,
  newCodeVerification,
  newInPerson,
  OTHER_AGENT,
  userWithPending,
  userWithValid,
} from './verifications';

/** A new verification supersedes the target's live ones; voiding ends them on demand. */
export function verificationVoidingContract(backend: ContractBackend): void {
  describe('caller verifications: voiding', () => {
    const ctx = useStore(backend);

    test('when a new verification is created, then the earlier pending and verified ones of the target are void, whoever the agent', async () => {
      const { user, verification: verified } = await userWithValid(ctx.store);
      const pendingByOther = await ctx.store.verifications.create(
        newCodeVerification(user.id, { agentId: OTHER_AGENT }),
        minutesAfter(T0, 2),
      );
      // pendingByOther voided the verified one; an in-person record then voids pendingByOther.
      const inPerson = await ctx.store.verifications.createInPerson(
        newInPerson(user.id, { validUntil: minutesAfter(T0, 13) }),
        minutesAfter(T0, 3),
      );
      const now = minutesAfter(T0, 4);
      expect(await ctx.store.verifications.findPending(user.id, OTHER_AGENT, now)).toBeNull();
      expect((await ctx.store.verifications.findValid(user.id, AGENT, now))!.id).toBe(inPerson.id);
      const history = await ctx.store.verifications.listRecentForUser(user.id, 10);
      expect(history.map((v) => [v.id, v.voidedAt])).toEqual([
        [inPerson.id, null],
        [pendingByOther.id, minutesAfter(T0, 3)],
        [verified.id, minutesAfter(T0, 2)],
      ]);
      expect(await ctx.store.verifications.confirm(pendingByOther.id, now, minutesAfter(now, 10))).toBeNull();
      expect(await ctx.store.verifications.spend(verified.id, now)).toBe(false);
    });

    test('when a new verification is created, then spent, failed and expired ones keep their history unvoided', async () => {
      const { user, verification: spent } = await userWithValid(ctx.store);
      await ctx.store.verifications.spend(spent.id, minutesAfter(T0, 2));
      const failed = await ctx.store.verifications.create(
        newCodeVerification(user.id, { maxAttempts: 1 }),
        minutesAfter(T0, 3),
      );
      await ctx.store.verifications.recordFailedAttempt(failed.id, minutesAfter(T0, 3));
      await ctx.store.verifications.create(
        newCodeVerification(user.id, { codeExpiresAt: minutesAfter(T0, 3.5) }),
        minutesAfter(T0, 3.2),
      );
      await ctx.store.verifications.create(newCodeVerification(user.id), minutesAfter(T0, 4));
      const history = await ctx.store.verifications.listRecentForUser(user.id, 10);
      expect(history.map((v) => v.voidedAt)).toEqual([null, null, null, null]);
    });

    test('when another user gets a verification, then this user keeps theirs', async () => {
      const { user, verification } = await userWithPending(ctx.store);
      const grace = await createUser(ctx.store, { username: 'grace@example.org' });
      await ctx.store.verifications.create(newCodeVerification(grace.id), minutesAfter(T0, 1));
      expect((await ctx.store.verifications.findPending(user.id, AGENT, minutesAfter(T0, 1)))!.id).toBe(
        verification.id,
      );
    });

    test('when 20 verifications of one target are created at once on two instances, then exactly the latest stays live', async () => {
      const user = await createUser(ctx.store);
      const other = await ctx.openAnother();
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : ctx.store).verifications.create(
            newCodeVerification(user.id, { agentId: `agent-${i}` }),
            T0,
          ),
        ),
      );
      const history = await ctx.store.verifications.listRecentForUser(user.id, 30);
      expect(history).toHaveLength(20);
      const live = history.filter((v) => v.voidedAt === null);
      expect(live.map((v) => v.id)).toEqual([history[0]!.id]);
      const winner = created.find((v) => v.id === history[0]!.id)!;
      expect(await ctx.store.verifications.findPending(user.id, winner.agentId, T0)).toEqual(history[0]);
    });

    test('when a create arrives with an earlier time than a live verification (a lagging clock), then it gives way', async () => {
      const user = await createUser(ctx.store);
      const later = await ctx.store.verifications.create(newCodeVerification(user.id), minutesAfter(T0, 1));
      const lagging = await ctx.store.verifications.create(
        newCodeVerification(user.id, { agentId: OTHER_AGENT }),
        T0,
      );
      expect(lagging.voidedAt).toEqual(T0);
      expect(await ctx.store.verifications.findPending(user.id, OTHER_AGENT, minutesAfter(T0, 1))).toBeNull();
      expect((await ctx.store.verifications.findPending(user.id, AGENT, minutesAfter(T0, 1)))!.id).toBe(
        later.id,
      );
    });

    test('when all verifications of a user are voided, then pending and valid ones end, and a second call counts none', async () => {
      const { user, verification } = await userWithValid(ctx.store);
      const grace = await createUser(ctx.store, { username: 'grace@example.org' });
      const graces = await ctx.store.verifications.create(newCodeVerification(grace.id), T0);
      const now = minutesAfter(T0, 2);
      expect(await ctx.store.verifications.voidAllForUser(user.id, now)).toBe(1);
      expect(await ctx.store.verifications.findValid(user.id, AGENT, now)).toBeNull();
      expect(await ctx.store.verifications.spend(verification.id, now)).toBe(false);
      expect(await ctx.store.verifications.voidAllForUser(user.id, now)).toBe(0);
      expect((await ctx.store.verifications.findPending(grace.id, AGENT, now))!.id).toBe(graces.id);

      const pending = await ctx.store.verifications.create(newCodeVerification(user.id), now);
      expect(await ctx.store.verifications.voidAllForUser(user.id, now)).toBe(1);
      expect(await ctx.store.verifications.confirm(pending.id, now, minutesAfter(now, 10))).toBeNull();
    });

    test('when only ended verifications are left, then voiding counts nothing and leaves their history alone', async () => {
      const { user, verification } = await userWithPending(ctx.store);
      expect(await ctx.store.verifications.voidAllForUser(user.id, verification.codeExpiresAt!)).toBe(0);
      const [stored] = await ctx.store.verifications.listRecentForUser(user.id, 1);
      expect(stored!.voidedAt).toBeNull();
    });
  });
}
