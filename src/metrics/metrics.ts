import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AuditEntry } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { OutboxChannel, OutboxRepository } from '../store';

/** Every channel the outbox knows, so an empty one shows 0 rather than vanishing from dashboards. */
const CHANNELS: readonly OutboxChannel[] = ['email', 'sms', 'webhook'];

const DELIVERY_PREFIXES: Record<string, OutboxChannel> = { mail: 'email', sms: 'sms', webhook: 'webhook' };
const DELIVERY_RESULTS = new Set(['sent', 'retry', 'failed', 'expired']);

export interface MetricsDeps {
  outbox: Pick<OutboxRepository, 'depthByChannel'>;
  clock: Clock;
  /**
   * prom-client's process metrics (CPU, memory, event-loop lag, GC), which sample on timers: only
   * in the registry /metrics serves, not in a thread whose registry no one reads.
   */
  processMetrics?: boolean;
}

/**
 * The Prometheus metrics, one registry per app (tests build many). Counters of the domain are fed
 * from the audit trail, so every use case is counted where it is recorded, once. No label ever
 * carries a user id, a username or an IP address: only routes, statuses, outcomes and channels.
 */
export function createMetrics({ outbox, clock, processMetrics = true }: MetricsDeps) {
  const registry = new Registry();
  const registers = [registry];
  if (processMetrics) collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({
    name: 'resetdesk_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'resetdesk_http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const resetRequests = new Counter({
    name: 'resetdesk_reset_requests_total',
    help: 'Reset requests by outcome (sent, unknown, ineligible, capped, …)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const resetCompletions = new Counter({
    name: 'resetdesk_reset_completions_total',
    help: 'Completed self-service resets',
    registers,
  });
  const codeFailures = new Counter({
    name: 'resetdesk_reset_code_failures_total',
    help: 'Wrong reset codes entered',
    registers,
  });
  const lockouts = new Counter({
    name: 'resetdesk_lockouts_total',
    help: 'Accounts locked after too many failed sign-ins',
    registers,
  });
  const verifications = new Counter({
    name: 'resetdesk_verification_outcomes_total',
    help: 'Caller verification events by outcome (sent, succeeded, failed, in_person)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const deliveries = new Counter({
    name: 'resetdesk_deliveries_total',
    help: 'Outbox deliveries by channel and result (sent, retry, failed, expired)',
    labelNames: ['channel', 'result'] as const,
    registers,
  });
  const argon2Duration = new Histogram({
    name: 'resetdesk_argon2_duration_seconds',
    help: 'Argon2id hashing and verification time',
    labelNames: ['operation'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
    registers,
  });

  async function readDepth() {
    const rows = await outbox.depthByChannel();
    const now = clock().getTime();
    return CHANNELS.map((channel) => {
      const row = rows.find((candidate) => candidate.channel === channel);
      return {
        channel,
        queued: row?.queued ?? 0,
        age: row ? (now - row.oldestQueuedAt.getTime()) / 1000 : 0,
      };
    });
  }
  new Gauge({
    name: 'resetdesk_outbox_depth',
    help: 'Messages waiting in the outbox, by channel',
    labelNames: ['channel'] as const,
    registers,
    async collect() {
      for (const row of await readDepth()) this.set({ channel: row.channel }, row.queued);
    },
  });
  new Gauge({
    name: 'resetdesk_outbox_oldest_age_seconds',
    help: 'Age of the oldest waiting message, by channel (0 when none waits)',
    labelNames: ['channel'] as const,
    registers,
    async collect() {
      for (const row of await readDepth()) this.set({ channel: row.channel }, row.age);
    },
  });

  /** The domain's counters, from each audit event as it is written. */
  function observeAudit(entry: AuditEntry): void {
    const [subject, verb = ''] = entry.action.split('.');
    if (entry.action === 'reset.requested') resetRequests.inc({ outcome: entry.outcome });
    else if (entry.action === 'reset.completed') resetCompletions.inc();
    else if (entry.action === 'reset.code_failed') codeFailures.inc();
    else if (entry.action === 'account.locked') lockouts.inc();
    else if (subject === 'verification') verifications.inc({ outcome: verb });
    else if (subject && DELIVERY_PREFIXES[subject] && DELIVERY_RESULTS.has(verb)) {
      deliveries.inc({ channel: DELIVERY_PREFIXES[subject], result: verb });
    }
  }

  return {
    registry,
    observeAudit,
    observeHttp(method: string, route: string, status: number, seconds: number) {
      httpRequests.inc({ method, route, status: String(status) });
      httpDuration.observe({ method, route }, seconds);
    },
    observeArgon2(operation: 'hash' | 'verify', seconds: number) {
      argon2Duration.observe({ operation }, seconds);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
