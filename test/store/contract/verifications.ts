import type { NewCodeVerification, NewInPersonVerification, Store } from '../../../src/store';
import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';
import { createUser } from './users';

export const AGENT = 'agent-a';
export const OTHER_AGENT = 'agent-b';
const CODE_MINUTES = 15;
const VALID_MINUTES = 10;

let codeCounter = 0;

export function newCodeVerification(
  targetId: string,
  overrides: Partial<NewCodeVerification> = {},
): NewCodeVerification {
  codeCounter += 1;
  return {
    targetId,
    agentId: AGENT,
    channel: 'email',
    codeHash: `code-hash-${codeCounter}`,
    ticketRef: 'INC0000001',
    outboxId: `outbox-${codeCounter}`,
    codeExpiresAt: minutesAfter(T0, CODE_MINUTES),
    maxAttempts: 3,
    ...overrides,
  };
}

export function newInPerson(
  targetId: string,
  overrides: Partial<NewInPersonVerification> = {},
): NewInPersonVerification {
  return {
    targetId,
    agentId: AGENT,
    note: 'photo ID checked at the front desk',
    ticketRef: null,
    validUntil: minutesAfter(T0, VALID_MINUTES),
    ...overrides,
  };
}

/** A user with a pending code verification started by AGENT at T0. */
export async function userWithPending(store: Store) {
  const user = await createUser(store);
  const verification = await store.verifications.create(newCodeVerification(user.id), T0);
  return { user, verification };
}

/** A user whose caller AGENT verified at T0 + 1 min, valid for VALID_MINUTES. */
export async function userWithValid(store: Store) {
  const { user, verification } = await userWithPending(store);
  const at = minutesAfter(T0, 1);
  const confirmed = await store.verifications.confirm(verification.id, at, minutesAfter(at, VALID_MINUTES));
  return { user, verification: confirmed! };
}

export function verificationContract(backend: ContractBackend): void {
  describe('caller verifications', () => {
    const ctx = useStore(backend);

    test('when a code verification is created, then it reads back whole and is pending for its agent and target only', async () => {
      const { user, verification } = await userWithPending(ctx.store);
      expect(verification).toMatchObject({
        targetId: user.id,
        agentId: AGENT,
        channel: 'email',
        note: null,
        ticketRef: 'INC0000001',
        createdAt: T0,
        codeExpiresAt: minutesAfter(T0, CODE_MINUTES),
        failedAttempts: 0,
        maxAttempts: 3,
        verifiedAt: null,
        validUntil: null,
        spentAt: null,
        voidedAt: null,
      });
      expect(verification.codeHash).toMatch(/^code-hash-/);
      expect(verification.outboxId).toMatch(/^outbox-/);
      expect(await ctx.store.verifications.findPending(user.id, AGENT, T0)).toEqual(verification);
      expect(await ctx.store.verifications.listRecentForUser(user.id, 5)).toEqual([verification]);
      expect(await ctx.store.verifications.findPending(user.id, OTHER_AGENT, T0)).toBeNull();
      expect(await ctx.store.verifications.findPending('someone-else', AGENT, T0)).toBeNull();
      expect(await ctx.store.verifications.findValid(user.id, AGENT, T0)).toBeNull();
    });

    test('when the code expires, then the queries no longer take it, whatever TTL cleanup did', async () => {
      const { user, verification } = await userWithPending(ctx.store);
      const expiry = verification.codeExpiresAt!;
      const justBefore = new Date(expiry.getTime() - 1);
      expect(await ctx.store.verifications.findPending(user.id, AGENT, justBefore)).not.toBeNull();
      expect(await ctx.store.verifications.findPending(user.id, AGENT, expiry)).toBeNull();
      expect(await ctx.store.verifications.recordFailedAttempt(verification.id, expiry)).toBeNull();
      expect(
        await ctx.store.verifications.confirm(verification.id, expiry, minutesAfter(expiry, VALID_MINUTES)),
      ).toBeNull();
    });

    test('when 20 wrong codes arrive at once on a 3-attempt verification, then exactly 3 are recorded and it is over', async () => {
      const { user, verification } = await userWithPending(ctx.store);
      const other = await ctx.openAnother();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : ctx.store).verifications.recordFailedAttempt(verification.id, T0),
        ),
      );
      const recorded = results.filter((left): left is number => left !== null);
      expect(recorded.sort()).toEqual([0, 1, 2]);
      const [stored] = await ctx.store.verifications.listRecentForUser(user.id, 1);
      expect(stored!.failedAttempts).toBe(3);
      expect(await ctx.store.verifications.findPending(user.id, AGENT, T0)).toBeNull();
      expect(
        await ctx.store.verifications.confirm(verification.id, T0, minutesAfter(T0, VALID_MINUTES)),
      ).toBeNull();
    });

    test('when a pending verification is confirmed, then it is valid for its agent until validUntil, and only then', async () => {
      const { user, verification } = await userWithValid(ctx.store);
      const validUntil = minutesAfter(T0, 1 + VALID_MINUTES);
      expect(verification).toMatchObject({ verifiedAt: minutesAfter(T0, 1), validUntil, spentAt: null });
      const justBefore = new Date(validUntil.getTime() - 1);
      expect(await ctx.store.verifications.findValid(user.id, AGENT, justBefore)).toEqual(verification);
      expect(await ctx.store.verifications.findValid(user.id, OTHER_AGENT, justBefore)).toBeNull();
      expect(await ctx.store.verifications.findPending(user.id, AGENT, justBefore)).toBeNull();
      expect(await ctx.store.verifications.recordFailedAttempt(verification.id, justBefore)).toBeNull();
      expect(await ctx.store.verifications.findValid(user.id, AGENT, validUntil)).toBeNull();
      expect(await ctx.store.verifications.spend(verification.id, validUntil)).toBe(false);
    });

    test('when 20 confirmations of one code race, then exactly one gets the verified record', async () => {
      const { verification } = await userWithPending(ctx.store);
      const other = await ctx.openAnother();
      const validUntil = minutesAfter(T0, VALID_MINUTES);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : ctx.store).verifications.confirm(verification.id, T0, validUntil),
        ),
      );
      const winners = results.filter((result) => result !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ id: verification.id, verifiedAt: T0, validUntil });
    });

    test('when 20 resets try to spend one verification at once, then exactly one succeeds and it counts no more', async () => {
      const { user, verification } = await userWithValid(ctx.store);
      const other = await ctx.openAnother();
      const now = minutesAfter(T0, 2);
      const wins = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : ctx.store).verifications.spend(verification.id, now),
        ),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.verifications.findValid(user.id, AGENT, now)).toBeNull();
      const [stored] = await ctx.store.verifications.listRecentForUser(user.id, 1);
      expect(stored).toMatchObject({ spentAt: now, voidedAt: null });
    });

    test('when a verification is only pending, then it cannot be spent', async () => {
      const { verification } = await userWithPending(ctx.store);
      expect(await ctx.store.verifications.spend(verification.id, T0)).toBe(false);
    });

    test('when a caller is verified in person, then it counts at once for that agent, with the note', async () => {
      const user = await createUser(ctx.store);
      const recorded = await ctx.store.verifications.createInPerson(newInPerson(user.id), T0);
      expect(recorded).toMatchObject({
        targetId: user.id,
        agentId: AGENT,
        channel: 'in_person',
        codeHash: null,
        note: 'photo ID checked at the front desk',
        ticketRef: null,
        outboxId: null,
        codeExpiresAt: null,
        failedAttempts: 0,
        maxAttempts: 0,
        verifiedAt: T0,
        validUntil: minutesAfter(T0, VALID_MINUTES),
        spentAt: null,
        voidedAt: null,
      });
      expect(await ctx.store.verifications.findValid(user.id, AGENT, T0)).toEqual(recorded);
      expect(await ctx.store.verifications.findValid(user.id, OTHER_AGENT, T0)).toBeNull();
      expect(await ctx.store.verifications.findPending(user.id, AGENT, T0)).toBeNull();
      expect(await ctx.store.verifications.recordFailedAttempt(recorded.id, T0)).toBeNull();
      expect(await ctx.store.verifications.spend(recorded.id, T0)).toBe(true);
    });

    test('when the history is listed, then it is newest first and cut at the limit', async () => {
      const user = await createUser(ctx.store);
      const ids: string[] = [];
      for (let minute = 0; minute < 4; minute++) {
        ids.push(
          (await ctx.store.verifications.create(newCodeVerification(user.id), minutesAfter(T0, minute))).id,
        );
      }
      const history = await ctx.store.verifications.listRecentForUser(user.id, 3);
      expect(history.map((v) => v.id)).toEqual(ids.reverse().slice(0, 3));
    });

    test('when verifications are purged, then only those that ended before the cutoff go', async () => {
      const users = await Promise.all(
        ['a', 'b', 'c', 'd', 'e', 'f'].map((name) =>
          createUser(ctx.store, { username: `${name}@example.org` }),
        ),
      );
      const [expired, spent, outlived, voided, live, endsAfterCutoff] = users.map((u) => u.id) as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const v = ctx.store.verifications;
      await v.create(newCodeVerification(expired), T0);
      const toSpend = await v.createInPerson(newInPerson(spent, { validUntil: minutesAfter(T0, 30) }), T0);
      await v.spend(toSpend.id, minutesAfter(T0, 1));
      await v.createInPerson(newInPerson(outlived), T0);
      await v.create(newCodeVerification(voided, { codeExpiresAt: minutesAfter(T0, 60) }), T0);
      await v.voidAllForUser(voided, minutesAfter(T0, 1));
      await v.create(newCodeVerification(live, { codeExpiresAt: minutesAfter(T0, 60) }), T0);
      await v.createInPerson(newInPerson(endsAfterCutoff, { validUntil: minutesAfter(T0, 30) }), T0);

      expect(await v.purgeEnded(minutesAfter(T0, 20))).toBe(4);
      for (const gone of [expired, spent, outlived, voided])
        expect(await v.listRecentForUser(gone, 5)).toEqual([]);
      expect(await v.listRecentForUser(live, 5)).toHaveLength(1);
      expect(await v.listRecentForUser(endsAfterCutoff, 5)).toHaveLength(1);
    });
  });
}
