import { createConcurrencyLimit } from '../../src/auth/concurrency-limit';
import { createPasswordHasher } from '../../src/auth/password-hashing';

describe('concurrency limit (argon2 runs at most one per core)', () => {
  test('when ten tasks are started at once under a limit of two, then two run at a time and all finish in order', async () => {
    const run = createConcurrencyLimit(2);
    let inFlight = 0;
    let most = 0;
    const finished: number[] = [];
    const task = (n: number) => async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      finished.push(n);
      return n * 10;
    };
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => run(task(n))));
    expect(results).toEqual(Array.from({ length: 10 }, (_, n) => n * 10));
    expect(most).toBe(2);
    expect(finished).toEqual(Array.from({ length: 10 }, (_, n) => n));
  });

  test('when a task fails, then its slot is freed and the failure reaches its caller only', async () => {
    const run = createConcurrencyLimit(1);
    const failing = run(async () => {
      throw new Error('boom');
    });
    const next = run(async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });

  test('when a hasher allows one call at a time, then concurrent hashes and verifies still give the right answers', async () => {
    const hasher = createPasswordHasher({ memoryCost: 8192, timeCost: 1, parallelism: 1 }, 1);
    const hashes = await Promise.all(['alpha-1', 'beta-2', 'gamma-3'].map((p) => hasher.hash(p)));
    const checks = await Promise.all([
      hasher.verify(hashes[0]!, 'alpha-1'),
      hasher.verify(hashes[1]!, 'alpha-1'),
      hasher.verify(hashes[2]!, 'gamma-3'),
      hasher.verify(null, 'anything'),
      hasher.verify('not-a-hash', 'anything'),
    ]);
    expect(checks).toEqual([true, false, true, false, false]);
  });

  test('when one password is hashed twice, then each hash has its own salt, the configured parameters, and both verify', async () => {
    const hasher = createPasswordHasher({ memoryCost: 8192, timeCost: 1, parallelism: 1 });
    const [first, second] = await Promise.all([hasher.hash('alpha-1'), hasher.hash('alpha-1')]);
    const saltOf = (hash: string) => hash.split('$')[4];
    expect(first).toMatch(/^\$argon2id\$v=19\$m=8192,p=1,t=1\$/);
    expect(saltOf(first)).toHaveLength(22);
    expect(saltOf(first)).not.toBe(saltOf(second));
    expect(await Promise.all([hasher.verify(first, 'alpha-1'), hasher.verify(second, 'alpha-1')])).toEqual([
      true,
      true,
    ]);
  });
});
