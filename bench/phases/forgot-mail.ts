import { atLeast, below, round, type Figure } from '../figures';
import { BenchClient, openFormSession, type FormSession } from '../http';
import type { BenchContext } from '../context';
import { percentile } from '../stats';
import { waitFor } from '../wait';
import { runWorkers } from '../workers';
import { describeCpuPerRequest, readServerCpu } from '../thread-cpu';

/** A quiet moment between latency samples, so each finds the server idle. */
const IDLE_GAP_MS = 50;
const MAIL_BUDGET_MS = 10_000;

async function postForgot(client: BenchClient, session: FormSession, username: string): Promise<void> {
  const response = await client.send('POST', '/forgot', {
    cookie: session.cookie,
    form: { username, _csrf: session.csrf },
  });
  if (response.status !== 200) throw new Error(`POST /forgot answered ${response.status}`);
}

/**
 * One known name at a time on an idle server: from sending POST /forgot to the SMTP sink accepting
 * the mail. Both hops are woken by doorbells (intent stored, mail queued), not by polls.
 */
export async function measureMailLatency(ctx: BenchContext): Promise<Figure[]> {
  const samples: number[] = [];
  const client = new BenchClient(ctx.port, 1);
  try {
    const session = await openFormSession(client, '/forgot');
    for (let i = 0; i < ctx.profile.latencySamples; i++) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_GAP_MS));
      const before = ctx.sink.received;
      const start = performance.now();
      await postForgot(client, session, ctx.members[i % ctx.members.length]!.username);
      if (!(await waitFor(() => ctx.sink.received > before, MAIL_BUDGET_MS, 1))) {
        throw new Error('a reset mail did not arrive within 10 s');
      }
      samples.push(ctx.sink.lastAt - start);
    }
  } finally {
    client.close();
  }
  const p95 = percentile(samples, 95);
  const detail = `median ${round(percentile(samples, 50))} ms, n = ${samples.length}`;
  return [
    below('mail.latency', 'POST /forgot to mail accepted, p95 (idle)', round(p95), 'ms', 1_500, detail),
  ];
}

/**
 * Known names posted as fast as `connections` clients can, from the first request to the SMTP sink
 * accepting the last of their mails: request path, intent worker, outbox worker and SMTP together.
 */
export async function measureForgotToMail(ctx: BenchContext): Promise<Figure[]> {
  const { connections, e2eMails } = ctx.profile;
  const client = new BenchClient(ctx.port, connections);
  try {
    const sessions = await Promise.all(
      Array.from({ length: connections }, () => openFormSession(client, '/forgot')),
    );
    const names = Array.from({ length: e2eMails }, (_, i) => ctx.members[i % ctx.members.length]!.username);
    const before = ctx.sink.received;
    const cpuBefore = readServerCpu(ctx.serverPid);
    let next = 0;
    const run = await runWorkers(names, connections, MAIL_BUDGET_MS * 3, async (username) => {
      await postForgot(client, sessions[next++ % connections]!, username);
      return true;
    });
    const posted = run.successes.length;
    const complete = await waitFor(() => ctx.sink.received - before >= posted, MAIL_BUDGET_MS * 6, 5);
    const delivered = ctx.sink.received - before;
    const cpu = describeCpuPerRequest(cpuBefore, readServerCpu(ctx.serverPid), delivered).replace(
      'a request',
      'a mail',
    );
    const seconds = (ctx.sink.lastAt - run.startedAt) / 1000;
    const detail =
      `${delivered} mails of ${posted} posts in ${round(seconds, 2)} s, ${connections} connections` +
      `${complete ? '' : ', budget ran out'}${run.failures > 0 ? `, ${run.failures} posts failed` : ''}; ${cpu}`;
    return [
      atLeast(
        'mail.e2e',
        'POST /forgot to mail accepted, end to end',
        round(delivered / seconds),
        'mails/s',
        1_000,
        detail,
      ),
    ];
  } finally {
    client.close();
  }
}
