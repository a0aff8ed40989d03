import { createMetrics } from '../../src/metrics/metrics';

const outbox = { depthByChannel: async () => [] };
const clock = () => new Date('2026-12-07T00:00:00Z');

describe('process metrics', () => {
  test('when the registry is the one /metrics serves, then it samples the process (CPU, memory, event loop)', async () => {
    const { registry } = createMetrics({ outbox, clock });
    const names = (await registry.getMetricsAsJSON()).map((metric) => metric.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
      ]),
    );
    registry.clear();
  });

  test('when the registry belongs to the background thread, then it keeps the domain counters and samples nothing', async () => {
    const { registry } = createMetrics({ outbox, clock, processMetrics: false });
    const names = (await registry.getMetricsAsJSON()).map((metric) => metric.name);
    expect(names).toContain('resetdesk_reset_requests_total');
    expect(names.filter((name) => name.startsWith('process_') || name.startsWith('nodejs_'))).toEqual([]);
  });
});
