import { atLeast, below, info, round, type Figure } from '../figures';
import { NEW_PASSWORD, prepareResetRequests } from '../fixtures';
import { BenchClient, openFormSession, sessionCookieFrom } from '../http';
import type { BenchContext } from '../context';
import { mainThreadCpuMs } from '../thread-cpu';
import { describeBound, measureBound, prepareAll, supplyFor } from './argon2-bound';

/** The policy's "not your current password" verify, then the new hash. */
const ARGON2_PER_RESET = 2;

/**
 * Completed resets from prepared requests: each browser followed its link (the token moves into
 * the session) and loaded the form, then posts the code and a strong new password.
 */
export async function measureReset(ctx: BenchContext): Promise<Figure[]> {
  const { hashConcurrency, hashPhaseMs } = ctx.profile;
  const count = supplyFor(ctx.ceiling / ARGON2_PER_RESET, hashPhaseMs, hashConcurrency, ctx.resetters.length);
  const requests = await prepareResetRequests(ctx.store, ctx.secrets, ctx.resetters.slice(0, count));
  const client = new BenchClient(ctx.port, hashConcurrency);
  try {
    const prepared = await prepareAll(requests, hashConcurrency, async ({ token, code }) => {
      const link = await client.send('GET', `/reset?token=${token}`);
      const cookie = sessionCookieFrom(link);
      if (link.status !== 303 || !cookie) throw new Error(`GET /reset?token answered ${link.status}`);
      return { code, session: await openFormSession(client, '/reset', cookie) };
    });
    const cpu = { before: null as number | null };
    const bound = await measureBound(
      prepared,
      hashConcurrency,
      hashPhaseMs,
      async ({ code, session }) => {
        const response = await client.send('POST', '/reset', {
          cookie: session.cookie,
          form: {
            username: '',
            code,
            password: NEW_PASSWORD,
            confirmPassword: NEW_PASSWORD,
            _csrf: session.csrf,
          },
        });
        if (response.status !== 303 || response.headers.location !== '/login') {
          throw new Error(`POST /reset answered ${response.status} → ${response.headers.location ?? '-'}`);
        }
        return true;
      },
      () => (cpu.before = mainThreadCpuMs(ctx.serverPid)),
    );
    const cpuAfter = mainThreadCpuMs(ctx.serverPid);
    const completions = bound.run.successes.length;
    const cpuPerReset =
      cpu.before === null || cpuAfter === null || completions === 0
        ? null
        : round((cpuAfter - cpu.before) / completions, 2);
    const perCompletion = (bound.rate / ctx.ceiling) * 100;
    const utilisation = perCompletion * ARGON2_PER_RESET;
    return [
      info(
        'reset.rate',
        'POST /reset completions',
        round(bound.rate),
        'req/s',
        describeBound(bound, hashConcurrency),
      ),
      atLeast(
        'reset.ratio',
        'POST /reset argon2 use vs ceiling',
        round(utilisation),
        '%',
        85,
        `${ARGON2_PER_RESET} argon2 calls per reset; completions alone are ${round(perCompletion)}% of the ceiling`,
      ),
      below(
        'reset.cpu',
        'POST /reset main-thread CPU per completion',
        cpuPerReset,
        'ms',
        5,
        `event-loop thread only (argon2 and zxcvbn run on other threads), over ${completions} completions`,
      ),
    ];
  } finally {
    client.close();
  }
}
