import type { Figure } from '../figures';
import { NEW_PASSWORD, prepareResetRequests, unknownName, type SeededUser } from '../fixtures';
import { BenchClient, openFormSession, type FormSession } from '../http';
import type { BenchContext } from '../context';
import { gapFigure, samplePairs } from '../timing-gap';

const WARM_UP_PAIRS = 25;
/** Past every unknown name the /forgot phases use. */
const FIRST_UNKNOWN = 2_000_000;
const NOT_ACCEPTED = 'That code is not correct or has expired.';

interface Attempt {
  username: string;
  wrongCode: string;
}

/**
 * An open request per existing name, written into the store as a resolved /forgot leaves it, with a
 * code that is wrong for it. An unknown name has no request (its /forgot leaves only an audit event).
 */
async function prepareAttempts(ctx: BenchContext, accounts: SeededUser[]): Promise<Attempt[]> {
  const requests = await prepareResetRequests(ctx.store, ctx.secrets, accounts);
  return accounts.map((account, i) => ({
    username: account.username,
    wrongCode: requests[i]!.code === '000000' ? '111111' : '000000',
  }));
}

async function prepareKinds(ctx: BenchContext, pairs: number): Promise<[Attempt[], Attempt[]]> {
  const existing = Array.from({ length: pairs }, (_, i) => ctx.members[i % ctx.members.length]!);
  const unknown = Array.from({ length: pairs }, (_, i) => ({
    username: unknownName(FIRST_UNKNOWN + i),
    wrongCode: '000000',
  }));
  return [await prepareAttempts(ctx, existing), unknown];
}

async function timeOne(client: BenchClient, session: FormSession, attempt: Attempt): Promise<number> {
  const start = process.hrtime.bigint();
  const response = await client.send('POST', '/reset', {
    cookie: session.cookie,
    form: {
      username: attempt.username,
      code: attempt.wrongCode,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
      _csrf: session.csrf,
    },
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (response.status !== 400 || !response.body.includes(NOT_ACCEPTED)) {
    throw new Error(`POST /reset with a wrong code answered ${response.status} without the generic message`);
  }
  return elapsed;
}

/**
 * POST /reset with a username and a wrong code (no link in the session), for existing and unknown
 * accounts (each existing one with an open request), one at a time on one keep-alive connection.
 */
export async function measureResetGap(ctx: BenchContext): Promise<Figure[]> {
  const { gapSamplesPerClass, gapBudgetMs, bootstrapResamples } = ctx.profile;
  const client = new BenchClient(ctx.port, 1);
  try {
    const session = await openFormSession(client, '/reset');
    const warmUp = await prepareKinds(ctx, WARM_UP_PAIRS);
    await samplePairs(WARM_UP_PAIRS, gapBudgetMs, (kind, pair) =>
      timeOne(client, session, warmUp[kind][pair]!),
    );
    // Fresh requests (voiding the warm-up's), so every measured attempt is a first wrong code.
    const kinds = await prepareKinds(ctx, gapSamplesPerClass);
    const samples = await samplePairs(gapSamplesPerClass, gapBudgetMs, (kind, pair) =>
      timeOne(client, session, kinds[kind][pair]!),
    );
    const label = 'POST /reset (username + wrong code) timing gap';
    return [gapFigure('reset.gap', label, samples, gapSamplesPerClass, bootstrapResamples, 0.5)];
  } finally {
    client.close();
  }
}
