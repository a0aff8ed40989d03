import { below, round, type Figure } from '../figures';
import { BenchClient, openFormSession, type FormSession } from '../http';
import { bootstrapMedianDifference, median, seededRandom } from '../stats';
import type { BenchContext } from '../context';
import { forgotUsername } from './forgot-load';

const WARM_UP_REQUESTS = 50;
const GAP_TARGET_MS = 0.5;

async function timeOne(client: BenchClient, session: FormSession, username: string): Promise<number> {
  const start = process.hrtime.bigint();
  const response = await client.send('POST', '/forgot', {
    cookie: session.cookie,
    form: { username, _csrf: session.csrf },
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (response.status !== 200) throw new Error(`POST /forgot answered ${response.status}`);
  return elapsed;
}

/**
 * One request at a time on one keep-alive connection, existing and unknown accounts in pairs
 * whose order is shuffled, so background work (the outbox worker sending the mail an existing
 * account queued) lands on either kind alike rather than always on the one that follows.
 */
export async function measureForgotGap(ctx: BenchContext): Promise<Figure[]> {
  const { gapSamplesPerClass, gapBudgetMs, bootstrapResamples } = ctx.profile;
  const members = ctx.members.length;
  const client = new BenchClient(ctx.port, 1);
  try {
    const session = await openFormSession(client, '/forgot');
    for (let i = 0; i < WARM_UP_REQUESTS; i++) await timeOne(client, session, forgotUsername(i, members));
    const random = seededRandom(7);
    const existing: number[] = [];
    const unknown: number[] = [];
    const deadline = performance.now() + gapBudgetMs;
    // Even, and past the warm-up's names: n names an existing account, n + 1 an unknown one.
    let n = 1_000_000;
    while (existing.length < gapSamplesPerClass && performance.now() < deadline) {
      const pair = random() < 0.5 ? [0, 1] : [1, 0];
      for (const kind of pair) {
        const name = forgotUsername(n + kind, members);
        (kind === 0 ? existing : unknown).push(await timeOne(client, session, name));
      }
      n += 2;
    }
    const gap = bootstrapMedianDifference(existing, unknown, bootstrapResamples);
    const containsZero = gap.low <= 0 && gap.high >= 0;
    const value = round(Math.abs(gap.estimate), 3);
    const detail =
      `existing ${round(median(existing), 3)} ms vs unknown ${round(median(unknown), 3)} ms, ` +
      `difference 95% CI [${round(gap.low, 3)}, ${round(gap.high, 3)}] ms` +
      `${containsZero ? ' (contains 0)' : ' (excludes 0)'}, n = ${existing.length} + ${unknown.length}`;
    const figure = below('forgot.gap', 'POST /forgot timing gap', value, 'ms', GAP_TARGET_MS, detail);
    const met = figure.target!.met && containsZero && existing.length >= gapSamplesPerClass;
    return [{ ...figure, target: { text: `< ${GAP_TARGET_MS} ms, CI ∋ 0`, met } }];
  } finally {
    client.close();
  }
}
