import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';

export function webhookEndpointContract(backend: ContractBackend): void {
  describe('webhook endpoints', () => {
    const ctx = useStore(backend);

    test('when endpoints are created and toggled, then they are listed oldest first, whole', async () => {
      const endpoints = ctx.store.webhookEndpoints;
      const first = await endpoints.create(
        {
          url: 'https://a.example/hook',
          events: ['reset.completed'],
          enabled: true,
          secretSealed: 's1',
          createdBy: 'admin-1',
        },
        T0,
      );
      const second = await endpoints.create(
        {
          url: 'https://b.example/hook',
          events: ['account.locked', 'delivery.failed'],
          enabled: true,
          secretSealed: 's2',
          createdBy: 'admin-1',
        },
        minutesAfter(T0, 1),
      );
      expect(await endpoints.setEnabled(first.id, false)).toBe(true);
      expect(await endpoints.setEnabled('no-such-endpoint', true)).toBe(false);
      expect(await endpoints.list()).toEqual([{ ...first, enabled: false }, second]);
    });

    test('when deliveries race on two instances, then each counts once and the last error stays after a success', async () => {
      const other = await ctx.openAnother();
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : ctx.store).webhookEndpoints.recordDelivery('config:0', 'sent', null, T0),
        ),
      );
      await ctx.store.webhookEndpoints.recordDelivery(
        'config:0',
        'failed',
        'ECONNECTION: receiver unreachable',
        minutesAfter(T0, 1),
      );
      await ctx.store.webhookEndpoints.recordDelivery('config:0', 'sent', null, minutesAfter(T0, 2));
      expect(await ctx.store.webhookEndpoints.listDeliveryStatus()).toEqual([
        {
          endpointKey: 'config:0',
          lastAttemptAt: minutesAfter(T0, 2),
          lastResult: 'sent',
          lastError: 'ECONNECTION: receiver unreachable',
          sent: 11,
          failed: 1,
        },
      ]);
    });
  });
}
