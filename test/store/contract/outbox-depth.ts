import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';

const USEFUL_UNTIL = minutesAfter(T0, 24 * 60);

export function outboxDepthContract(backend: ContractBackend): void {
  describe('outbox depth by channel', () => {
    const ctx = useStore(backend);

    test('when items wait on several channels, then each channel counts its queued items and its oldest, never finished ones', async () => {
      const outbox = ctx.store.outbox;
      expect(await outbox.depthByChannel()).toEqual([]);
      const draft = (channel: 'email' | 'sms') => ({
        channel,
        payload: 'x',
        usefulUntil: USEFUL_UNTIL,
        userId: null,
      });
      await outbox.enqueue(draft('sms'), minutesAfter(T0, 2));
      await outbox.enqueue(draft('email'), T0);
      await outbox.enqueue(draft('email'), minutesAfter(T0, 1));
      const sent = await outbox.enqueue(draft('sms'), minutesAfter(T0, -10));
      await outbox.markSent(sent.id, T0);
      expect(await outbox.depthByChannel()).toEqual([
        { channel: 'email', queued: 2, oldestQueuedAt: T0 },
        { channel: 'sms', queued: 1, oldestQueuedAt: minutesAfter(T0, 2) },
      ]);
    });
  });
}
