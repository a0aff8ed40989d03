import { atLeast, round, type Figure, type FigureId } from '../figures';
import { PROXY_HEADERS } from '../http';
import { describeLoad, runLoad } from '../load';
import { mainThreadCpuMs } from '../thread-cpu';
import type { BenchContext } from '../context';

const TARGET = 3_500;
const MAX_REQUESTS_PER_SECOND = 50_000;

/** First visits (no cookie): each render also starts the session its CSRF token lives in. */
async function measureRender(ctx: BenchContext, id: FigureId, path: string): Promise<Figure> {
  const { connections, renderSeconds } = ctx.profile;
  const cpuBefore = mainThreadCpuMs(ctx.serverPid);
  const load = await runLoad({
    url: `http://127.0.0.1:${ctx.port}${path}`,
    connections,
    duration: renderSeconds,
    maxRequests: MAX_REQUESTS_PER_SECOND * renderSeconds,
    headers: { ...PROXY_HEADERS, accept: 'text/html' },
  });
  const cpuAfter = mainThreadCpuMs(ctx.serverPid);
  // Independent of how much of the shared cores the load generator takes: compare this across runs.
  const cpu =
    cpuBefore === null || cpuAfter === null || load.total === 0
      ? ''
      : `, main-thread CPU ${round((cpuAfter - cpuBefore) / load.total, 3)} ms per render`;
  const detail = `${describeLoad(load, connections)}, p99 ${load.p99} ms${cpu}`;
  return atLeast(id, `GET ${path} renders`, round(load.okPerSecond), 'req/s', TARGET, detail);
}

export async function measureRenders(ctx: BenchContext): Promise<Figure[]> {
  return [
    await measureRender(ctx, 'render.login', '/login'),
    await measureRender(ctx, 'render.forgot', '/forgot'),
  ];
}
