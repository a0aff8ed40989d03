import { atLeast, info, round, type Figure } from '../figures';
import { BENCH_PASSWORD } from '../fixtures';
import { BenchClient, openFormSession } from '../http';
import type { BenchContext } from '../context';
import { describeBound, measureBound, prepareAll, supplyFor } from './argon2-bound';

const MAX_SIGN_INS = 20_000;

/** Valid sign-ins across many accounts, each from a fresh login page (a sign-in replaces its session). */
export async function measureLogin(ctx: BenchContext): Promise<Figure[]> {
  const { hashConcurrency, hashPhaseMs } = ctx.profile;
  const count = supplyFor(ctx.ceiling, hashPhaseMs, hashConcurrency, MAX_SIGN_INS);
  const client = new BenchClient(ctx.port, hashConcurrency);
  try {
    const indexes = Array.from({ length: count }, (_, i) => i % ctx.members.length);
    const prepared = await prepareAll(indexes, hashConcurrency, async (i) => ({
      username: ctx.members[i]!.username,
      session: await openFormSession(client, '/login'),
    }));
    const bound = await measureBound(
      prepared,
      hashConcurrency,
      hashPhaseMs,
      async ({ username, session }) => {
        const response = await client.send('POST', '/login', {
          cookie: session.cookie,
          form: { username, password: BENCH_PASSWORD, _csrf: session.csrf },
        });
        if (response.status !== 303 || response.headers.location !== '/') {
          throw new Error(`POST /login answered ${response.status} → ${response.headers.location ?? '-'}`);
        }
        return true;
      },
    );
    const ratio = (bound.rate / ctx.ceiling) * 100;
    return [
      info(
        'login.rate',
        'POST /login sign-ins',
        round(bound.rate),
        'req/s',
        describeBound(bound, hashConcurrency),
      ),
      atLeast(
        'login.ratio',
        'POST /login vs argon2 ceiling',
        round(ratio),
        '%',
        85,
        '1 argon2 verify per sign-in',
      ),
    ];
  } finally {
    client.close();
  }
}
