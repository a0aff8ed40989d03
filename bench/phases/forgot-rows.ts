import { below, type Figure } from '../figures';
import { countStoreRows, unknownName } from '../fixtures';
import { BenchClient, openFormSession } from '../http';
import type { BenchContext } from '../context';
import { waitFor } from '../wait';
import { runWorkers } from '../workers';

/** Past every unknown name the other phases use. */
const FIRST_NAME = 3_000_000;
const BUDGET_MS = 120_000;

/**
 * POST /forgot for unknown names, then every table's row count once the worker has drained their
 * intents: the figure is the rows left besides their audit events (the per-IP counter already exists).
 */
export async function measureForgotRows(ctx: BenchContext): Promise<Figure[]> {
  const { connections, unknownPosts } = ctx.profile;
  const intentsLeft = () => countStoreRows(ctx.sqlitePath).reset_intents ?? 0;
  await waitFor(() => intentsLeft() === 0, BUDGET_MS, 50);
  const client = new BenchClient(ctx.port, connections);
  let run;
  let before: Record<string, number>;
  try {
    // Sessions first: each is a row of its own.
    const sessions = await Promise.all(
      Array.from({ length: connections }, () => openFormSession(client, '/forgot')),
    );
    before = countStoreRows(ctx.sqlitePath);
    const names = Array.from({ length: unknownPosts }, (_, i) => unknownName(FIRST_NAME + i));
    let next = 0;
    run = await runWorkers(names, connections, BUDGET_MS, async (username) => {
      const session = sessions[next++ % connections]!;
      const response = await client.send('POST', '/forgot', {
        cookie: session.cookie,
        form: { username, _csrf: session.csrf },
      });
      return response.status === 200;
    });
  } finally {
    client.close();
  }
  const drained = await waitFor(() => intentsLeft() === 0, BUDGET_MS, 50);
  const after = countStoreRows(ctx.sqlitePath);
  const grown = Object.entries(after)
    .map(([table, rows]) => [table, rows - (before[table] ?? 0)] as const)
    .filter(([, delta]) => delta !== 0);
  const others = grown
    .filter(([table]) => table !== 'audit_events')
    .reduce((sum, [, delta]) => sum + delta, 0);
  const audit = after.audit_events! - before.audit_events!;
  const detail =
    `${run.successes.length} posts: audit events +${audit}` +
    `${grown.length > 0 ? ` (${grown.map(([table, delta]) => `${table} ${delta > 0 ? '+' : ''}${delta}`).join(', ')})` : ''}` +
    `${drained ? '' : ', the worker had not drained'}`;
  return [
    below(
      'forgot.rows',
      'Rows left by unknown-name /forgot posts, besides audit events',
      others,
      'rows',
      1,
      detail,
    ),
  ];
}
