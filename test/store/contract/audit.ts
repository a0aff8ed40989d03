import type { AuditEventInput } from '../../../src/store';
import { verifyAuditChain } from '../../../src/store/audit-chain';
import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';

function event(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    at: T0,
    actorId: null,
    ip: '127.0.0.1',
    userAgent: 'contract-test',
    action: 'reset.requested',
    targetId: 'user-1',
    outcome: 'sent',
    channel: 'email',
    details: { attemptsLeft: 4, note: 'x', self: true, empty: null },
    ...overrides,
  };
}

export function auditContract(backend: ContractBackend): void {
  describe('audit', () => {
    const ctx = useStore(backend);

    test('when events are appended, then they chain in order and verify', async () => {
      const first = await ctx.store.audit.append(event());
      const second = await ctx.store.audit.append(
        event({ action: 'reset.completed', at: minutesAfter(T0, 1) }),
      );
      expect(first.seq).toBe(1);
      expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
      const all = [];
      for await (const stored of ctx.store.audit.iterate(1)) all.push(stored);
      expect(all).toEqual([first, second]);
      expect(await verifyAuditChain(ctx.store.audit.iterate())).toEqual({ ok: true, count: 2 });
    });

    test('when two instances append at once, then the chain neither forks nor skips', async () => {
      const other = await ctx.openAnother();
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? other : ctx.store).audit.append(event({ details: { index: i } })),
        ),
      );
      const seqs = [];
      for await (const stored of ctx.store.audit.iterate(7)) seqs.push(stored.seq);
      expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(await verifyAuditChain(other.audit.iterate())).toEqual({ ok: true, count: 30 });
    });

    test('when a stored event is altered, then verification names it', async () => {
      for (let i = 0; i < 4; i++) await ctx.store.audit.append(event({ details: { index: i } }));
      await ctx.storage.tamperAuditEvent(3, 'nothing happened');
      expect(await verifyAuditChain(ctx.store.audit.iterate())).toMatchObject({ ok: false, badSeq: 3 });
    });

    test('when listing, then filters and paging apply, newest first', async () => {
      await ctx.store.audit.append(
        event({ actorId: 'admin-1', targetId: 'user-1', at: minutesAfter(T0, 1) }),
      );
      await ctx.store.audit.append(
        event({ actorId: 'admin-2', targetId: 'user-2', at: minutesAfter(T0, 2) }),
      );
      await ctx.store.audit.append(
        event({ actorId: 'admin-1', targetId: 'user-2', action: 'signin.failed', at: minutesAfter(T0, 3) }),
      );
      const list = (filter = {}, page = 1, size = 10) => ctx.store.audit.list(filter, page, size);
      expect((await list()).items.map((e) => e.seq)).toEqual([3, 2, 1]);
      expect((await list({ actorId: 'admin-1' })).items.map((e) => e.seq)).toEqual([3, 1]);
      expect((await list({ targetId: 'user-2' })).items.map((e) => e.seq)).toEqual([3, 2]);
      expect((await list({ action: 'signin.failed' })).items.map((e) => e.seq)).toEqual([3]);
      expect((await list({ actions: ['signin.failed', 'reset.requested'] })).items.map((e) => e.seq)).toEqual(
        [3, 2, 1],
      );
      expect((await list({ actions: ['signin.failed', 'mail.sent'] })).items.map((e) => e.seq)).toEqual([3]);
      expect(await list({ actions: [] })).toEqual({ items: [], total: 0 });
      expect(
        (await list({ actions: ['signin.failed'], action: 'reset.requested' })).items.map((e) => e.seq),
      ).toEqual([]);
      expect(
        (await list({ actions: ['reset.requested'], actorId: 'admin-1' })).items.map((e) => e.seq),
      ).toEqual([1]);
      expect(
        (await list({ from: minutesAfter(T0, 2), to: minutesAfter(T0, 2) })).items.map((e) => e.seq),
      ).toEqual([2]);
      const page2 = await list({}, 2, 2);
      expect(page2).toMatchObject({ total: 3 });
      expect(page2.items.map((e) => e.seq)).toEqual([1]);
    });

    test('when listing by ticket reference, then only events whose details carry exactly that reference match', async () => {
      await ctx.store.audit.append(event({ details: { ticketRef: 'INC0012345' } }));
      await ctx.store.audit.append(event({ details: { ticketRef: 'INC0012346' } }));
      await ctx.store.audit.append(event({ details: { ticketRef: null } }));
      await ctx.store.audit.append(event({ details: { note: 'INC0012345' } }));
      await ctx.store.audit.append(
        event({ action: 'sessions.revoked', details: { ticketRef: 'INC0012345' } }),
      );
      const seqs = async (filter: object) =>
        (await ctx.store.audit.list(filter, 1, 10)).items.map((stored) => stored.seq);
      expect(await seqs({ ticketRef: 'INC0012345' })).toEqual([5, 1]);
      expect(await seqs({ ticketRef: 'INC0012345', action: 'sessions.revoked' })).toEqual([5]);
      expect(await seqs({ ticketRef: 'inc0012345' })).toEqual([]);
      expect(await seqs({ ticketRef: 'INC001234' })).toEqual([]);
      expect((await ctx.store.audit.list({ ticketRef: 'INC0012346' }, 1, 10)).total).toBe(1);
    });
  });
}
