import { createPollingLoop } from '../../src/polling-loop';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (at most 2 s) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 2000; waited += 5) await tick();
}

/** A loop whose rounds take one item from `queue` each; pollMs is an hour, so only wakes run rounds. */
function rig() {
  const queue: number[] = [];
  const handled: number[] = [];
  const errors: unknown[] = [];
  const loop = createPollingLoop({
    pollMs: 3_600_000,
    runRound: async () => {
      const item = queue.shift();
      if (item === undefined) return { handled: 0, done: 0 };
      handled.push(item);
      return { handled: 1, done: 1 };
    },
    onError: (err) => errors.push(err),
  });
  return { queue, handled, errors, loop };
}

describe('polling loop', () => {
  test('when woken, then the round runs after the current task, not inside it', async () => {
    const { queue, handled, loop } = rig();
    loop.start();
    queue.push(1);
    loop.wake();
    expect(handled).toEqual([]);
    await tick();
    expect(handled).toEqual([1]);
    await loop.stop();
  });

  test('when woken again and again faster than a timer fires, then the round still runs, once per backlog', async () => {
    const { queue, handled, loop } = rig();
    loop.start();
    for (let i = 0; i < 50; i++) {
      queue.push(i);
      loop.wake();
    }
    // Rounds yield to other work between them, so fifty take a few timer turns.
    await until(() => handled.length === 50);
    expect(handled).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await loop.stop();
  });

  test('when woken while a round runs, then another round follows it', async () => {
    const { queue, handled, loop } = rig();
    loop.start();
    queue.push(1);
    loop.wake();
    await tick(0);
    queue.push(2);
    loop.wake();
    await until(() => handled.length === 2);
    expect(handled).toEqual([1, 2]);
    await loop.stop();
  });

  test('when stopped, then wakes run nothing and drain() still does', async () => {
    const { queue, handled, loop } = rig();
    queue.push(1, 2);
    loop.wake();
    await tick();
    expect(handled).toEqual([]);
    expect(await loop.drain()).toBe(2);
    expect(handled).toEqual([1, 2]);
  });
});
