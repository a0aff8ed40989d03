import { below, info, atLeast, round, type Figure } from '../figures';
import { memberName, unknownName } from '../fixtures';
import { BenchClient, openFormSession, PROXY_HEADERS } from '../http';
import { describeLoad, runLoad } from '../load';
import type { BenchContext } from '../context';
import { describeCpuPerRequest, readServerCpu } from '../thread-cpu';

const MAX_REQUESTS_PER_SECOND = 20_000;

/** Even requests name a seeded account, odd ones an unknown address: the two kinds interleave on every connection. */
export function forgotUsername(n: number, members: number): string {
  return n % 2 === 0 ? memberName((n >> 1) % members) : unknownName(n);
}

/**
 * POST /forgot under load, one prepared browser session (cookie + CSRF token) per connection.
 * Spreading the existing accounts keeps each under the per-account mail limit, so they really queue mail.
 */
export async function measureForgotLoad(ctx: BenchContext): Promise<Figure[]> {
  const { connections, forgotSeconds } = ctx.profile;
  const client = new BenchClient(ctx.port, connections);
  const sessions = await Promise.all(
    Array.from({ length: connections }, () => openFormSession(client, '/forgot')),
  );
  client.close();
  let sent = 0;
  let clients = 0;
  const cpuBefore = readServerCpu(ctx.serverPid);
  const load = await runLoad({
    url: `http://127.0.0.1:${ctx.port}`,
    connections,
    duration: forgotSeconds,
    maxRequests: MAX_REQUESTS_PER_SECOND * forgotSeconds,
    setupClient(autocannonClient) {
      const session = sessions[clients++ % sessions.length]!;
      autocannonClient.setRequests([
        {
          method: 'POST',
          path: '/forgot',
          headers: {
            ...PROXY_HEADERS,
            accept: 'text/html',
            cookie: session.cookie,
            'content-type': 'application/x-www-form-urlencoded',
          },
          setupRequest: (request) => ({
            ...request,
            body: new URLSearchParams({
              username: forgotUsername(sent++, ctx.members.length),
              _csrf: session.csrf,
            }).toString(),
          }),
        },
      ]);
    },
  });
  const cpu = describeCpuPerRequest(cpuBefore, readServerCpu(ctx.serverPid), load.ok);
  // The window's CPU: resolving the intents it queued continues after it, in the background thread.
  const detail = `${describeLoad(load, connections)}; ${cpu} in the window`;
  return [
    atLeast('forgot.throughput', 'POST /forgot throughput', round(load.okPerSecond), 'req/s', 3_000, detail),
    info('forgot.p50', 'POST /forgot p50 latency', load.p50, 'ms'),
    below('forgot.p99', 'POST /forgot p99 latency', load.p99, 'ms', 15),
  ];
}
