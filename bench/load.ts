import autocannon from 'autocannon';

/** The autocannon figures the bench reports: 2xx responses per second and latency percentiles (ms). */
export interface LoadResult {
  okPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  ok: number;
  /** Connection errors, timeouts and non-2xx answers. */
  bad: number;
}

/** A bounded autocannon run: `seconds` long and never more than `maxRequests` requests. */
export async function runLoad(options: autocannon.Options & { maxRequests: number }): Promise<LoadResult> {
  const { maxRequests, ...rest } = options;
  const result = await autocannon({ ...rest, maxOverallRequests: maxRequests });
  const ok = result['2xx'];
  return {
    okPerSecond: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    ok,
    bad: result.errors + result.timeouts + result.non2xx,
  };
}

export function describeLoad(load: LoadResult, connections: number): string {
  return `${load.ok} ok / ${load.total} sent, ${load.bad} failed, ${connections} connections`;
}
