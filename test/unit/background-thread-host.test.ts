import { join } from 'node:path';
import { createBackgroundThread, type BackgroundWork } from '../../src/background-work';
import { buildTestApp, type TestApp } from '../web/harness';

const STAND_IN = join(__dirname, '..', 'support', 'stand-in-background-thread.mjs');

/** How many messages of each kind the stand-in reported back (it counts them as reset.requested outcomes). */
async function received(testApp: TestApp, message: string): Promise<number> {
  const metric = await testApp.services.metrics.registry
    .getSingleMetric('resetdesk_reset_requests_total')
    ?.get();
  return metric?.values.find((value) => value.labels.outcome === message)?.value ?? 0;
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the web thread and its background thread', () => {
  let testApp: TestApp;
  let work: BackgroundWork;
  let estimate: (password: string) => Promise<number>;
  let writeTurn: Int32Array;

  beforeEach(() => {
    testApp = buildTestApp();
    const thread = createBackgroundThread(testApp.logger, STAND_IN);
    writeTurn = new Int32Array(thread.writeTurns);
    estimate = (password) => thread.estimateStrength(password, [], []);
    work = thread.serve(testApp.services);
    work.start();
  });

  afterEach(async () => {
    await work.stop();
    await testApp.close();
  });

  test('when a password is scored, then the answer is the thread’s score for that check', async () => {
    expect(await Promise.all([estimate('abc'), estimate('abcd'), estimate('ab')])).toEqual([3, 4, 2]);
  });

  test('when a doorbell rings three times in one turn, then the thread hears it once', async () => {
    const { intentAdded, mailQueued } = testApp.services.signals;
    intentAdded.ring();
    intentAdded.ring();
    intentAdded.ring();
    mailQueued.ring();
    await eventually(async () => (await received(testApp, 'mail-queued')) === 1, 'the mail doorbell');
    expect(await received(testApp, 'intent-added')).toBe(1);
  });

  test('when the thread ends during a check and a write, then the check fails, its turn to write is given back, the end is logged and another thread answers the next check', async () => {
    await expect(estimate('end the thread')).rejects.toThrow(
      'the background thread stopped before scoring the password',
    );
    await testApp.logs.waitFor((entry) => entry.msg === 'the background thread stopped; starting another');
    expect(Atomics.load(writeTurn, 0)).toBe(0);
    let score: number | null = null;
    await eventually(async () => {
      score = await estimate('abcd').catch(() => null);
      return score !== null;
    }, 'a new thread');
    expect(score).toBe(4);
  });

  test('when the work stops, then the thread is told to stop and has ended when stop() resolves', async () => {
    await work.stop();
    expect(await received(testApp, 'stop')).toBe(1);
    await expect(estimate('abc')).rejects.toThrow('the background thread is not running');
  });
});
