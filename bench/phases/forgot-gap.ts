import type { Figure } from '../figures';
import { BenchClient, openFormSession, type FormSession } from '../http';
import type { BenchContext } from '../context';
import { gapFigure, samplePairs } from '../timing-gap';
import { forgotUsername } from './forgot-load';

const WARM_UP_REQUESTS = 50;
/** Even, and past the warm-up's names: n names an existing account, n + 1 an unknown one. */
const FIRST_NAME = 1_000_000;

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

/** POST /forgot for existing and unknown accounts, one at a time on one keep-alive connection. */
export async function measureForgotGap(ctx: BenchContext): Promise<Figure[]> {
  const { gapSamplesPerClass, gapBudgetMs, bootstrapResamples } = ctx.profile;
  const members = ctx.members.length;
  const client = new BenchClient(ctx.port, 1);
  try {
    const session = await openFormSession(client, '/forgot');
    for (let i = 0; i < WARM_UP_REQUESTS; i++) await timeOne(client, session, forgotUsername(i, members));
    const samples = await samplePairs(gapSamplesPerClass, gapBudgetMs, (kind, pair) =>
      timeOne(client, session, forgotUsername(FIRST_NAME + 2 * pair + kind, members)),
    );
    return [
      gapFigure(
        'forgot.gap',
        'POST /forgot timing gap',
        samples,
        gapSamplesPerClass,
        bootstrapResamples,
        0.1,
      ),
    ];
  } finally {
    client.close();
  }
}
