import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Store } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import {
  createTurnTaker,
  createWriteTurns,
  releaseTurnOf,
  type WriteTurns,
} from '../../src/store/write-turns';

// The other thread runs the built module (as the server's background thread does): it takes a turn,
// says so with the time, holds it for `holdMs` (or ends inside it), and, as the last thing it does in
// its turn, says when it gives it back.
const OTHER_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { createTurnTaker } = require(workerData.module);
const inTurn = createTurnTaker(workerData.turns);
parentPort.once('message', ({ holdMs, endInside }) => {
  inTurn(() => {
    parentPort.postMessage({ holding: Date.now() });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, holdMs);
    if (endInside) process.exit(0);
    parentPort.postMessage({ releasing: Date.now() });
  });
});
`;
const BUILT_MODULE = join(__dirname, '..', '..', 'dist', 'src', 'store', 'write-turns.js');

interface OtherThread {
  worker: Worker;
  holding: Promise<number>;
  releasing: Promise<number>;
}

function otherThreadTakesTurn(turns: WriteTurns, holdMs: number, endInside = false): OtherThread {
  const worker = new Worker(OTHER_THREAD, { eval: true, workerData: { module: BUILT_MODULE, turns } });
  const said = (key: 'holding' | 'releasing') =>
    new Promise<number>((resolve) =>
      worker.on('message', (message: Record<string, number>) => {
        if (key in message) resolve(message[key]!);
      }),
    );
  const thread = { worker, holding: said('holding'), releasing: said('releasing') };
  worker.postMessage({ holdMs, endInside });
  return thread;
}

describe('threads taking turns to write', () => {
  let dir: string;
  let turns: WriteTurns;
  let store: Store;
  const intent = { sealedUsername: 'sealed', ip: '127.0.0.1', userAgent: 'test' };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-turns-'));
    turns = createWriteTurns();
    store = openSqliteStore(join(dir, 'store.db'), { walCheckpoints: 'elsewhere', writeTurns: turns });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a write waits for another thread's turn to end; a read does not wait", async () => {
    const other = otherThreadTakesTurn(turns, 300);
    await other.holding;
    await store.resetIntents.count();
    const readAt = Date.now();
    await store.resetIntents.add(intent, new Date());
    const wroteAt = Date.now();
    const releasingAt = await other.releasing;

    expect(readAt).toBeLessThan(releasingAt);
    expect(wroteAt).toBeGreaterThanOrEqual(releasingAt);
    expect(await store.resetIntents.count()).toBe(1);
    await other.worker.terminate();
  });

  it('a turn held by a thread that ended is given back by the thread that started it', async () => {
    const other = otherThreadTakesTurn(turns, 0, true);
    await other.holding;
    const endedId = other.worker.threadId;
    await new Promise((resolve) => other.worker.once('exit', resolve));
    const word = new Int32Array(turns);
    expect(Atomics.load(word, 0)).toBe(endedId + 1);

    releaseTurnOf(turns, endedId);

    expect(Atomics.load(word, 0)).toBe(0);
    await store.resetIntents.add(intent, new Date());
    expect(Atomics.load(word, 0)).toBe(0);
    expect(await store.resetIntents.count()).toBe(1);
  });

  it('a thread that waited longer than any write takes writes without a turn', async () => {
    const other = otherThreadTakesTurn(turns, 1_500);
    await other.holding;
    await store.resetIntents.add(intent, new Date());
    const wroteAt = Date.now();

    expect(wroteAt).toBeLessThan(await other.releasing);
    expect(await store.resetIntents.count()).toBe(1);
    await other.worker.terminate();
  });

  it('turns are re-entrant: a transaction’s statements run in its turn without waiting for it', () => {
    const inTurn = createTurnTaker(turns);
    const word = new Int32Array(turns);
    const startedAt = Date.now();
    const holderInside = inTurn(() => inTurn(() => Atomics.load(word, 0)));

    expect(holderInside).toBeGreaterThan(0);
    expect(Date.now() - startedAt).toBeLessThan(500);
    expect(Atomics.load(word, 0)).toBe(0);
  });
});
