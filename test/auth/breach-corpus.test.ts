import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createBreachCorpus, type CorpusStatus } from '../../src/auth/breach-corpus';
import { startRangeApi, writeRangeCorpus, type CorpusEntry } from '../support/breach-corpus';

const LISTED = 'Quartz-Heron-58-Lantern!';
const RARE = 'Mossy-Anvil-13-Comet?';
const UNLISTED = 'Velvet-Orbit-42-Canyon!';
const ENTRIES: CorpusEntry[] = [
  { password: LISTED, count: 12 },
  { password: RARE, count: 1 },
];

describe('breach corpus: a local copy of the range files', () => {
  let dir: string;
  beforeAll(() => {
    dir = writeRangeCorpus(ENTRIES);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const corpusIn = (path: string, minCount = 1) =>
    createBreachCorpus({ source: { kind: 'dir', dir: path }, minCount, clock: () => new Date() });

  test('when a password is in the files, then it is listed; when not, it is clear', async () => {
    const corpus = corpusIn(dir);
    expect(await corpus.probe()).toEqual({ state: 'ok', source: 'dir' });
    expect(await corpus.lookup(LISTED)).toBe('listed');
    expect(await corpus.lookup(RARE)).toBe('listed');
    // No file for its prefix in this partial copy: nothing listed under it.
    expect(await corpus.lookup(UNLISTED)).toBe('clear');
  });

  test('when a minimum count is set, then rarer passwords pass', async () => {
    const corpus = corpusIn(dir, 5);
    expect(await corpus.lookup(LISTED)).toBe('listed');
    expect(await corpus.lookup(RARE)).toBe('clear');
  });

  test('when the directory is missing, then the probe says so and lookups are skipped, never thrown', async () => {
    const seen: CorpusStatus[] = [];
    const corpus = corpusIn(join(dir, 'missing'));
    corpus.watch((status) => seen.push(status));
    expect(await corpus.probe()).toMatchObject({ state: 'unavailable', source: 'dir' });
    expect(await corpus.lookup(LISTED)).toBe('skipped');
    expect(seen.map(({ state }) => state)).toEqual(['unavailable']);
  });
});

describe('breach corpus: a self-hosted range API', () => {
  test('when asked, then only the 5-digit prefix of the SHA-1 is sent and the count decides', async () => {
    const api = await startRangeApi(ENTRIES);
    try {
      const corpus = createBreachCorpus({
        source: { kind: 'url', url: `${api.url}/` },
        minCount: 1,
        clock: () => new Date(),
      });
      expect(await corpus.probe()).toEqual({ state: 'ok', source: 'url' });
      expect(await corpus.lookup(LISTED)).toBe('listed');
      expect(await corpus.lookup(UNLISTED)).toBe('clear');
      expect(api.requests).toHaveLength(3);
      for (const path of api.requests) expect(path).toMatch(/^\/range\/[0-9A-F]{5}$/);
    } finally {
      await api.close();
    }
  });

  test('when the API fails, then lookups are skipped for a while, and it is used again once it answers', async () => {
    const api = await startRangeApi(ENTRIES);
    let now = new Date('2030-01-01T00:00:00Z');
    const seen: string[] = [];
    try {
      const corpus = createBreachCorpus({
        source: { kind: 'url', url: api.url },
        minCount: 1,
        clock: () => now,
      });
      corpus.watch((status) => seen.push(status.state));
      api.failWith = 503;
      expect(await corpus.lookup(LISTED)).toBe('skipped');
      expect(corpus.status()).toMatchObject({ state: 'unavailable', since: now });
      api.failWith = null;
      // Within the pause the API is not asked at all.
      const asked = api.requests.length;
      expect(await corpus.lookup(LISTED)).toBe('skipped');
      expect(api.requests).toHaveLength(asked);
      now = new Date(now.getTime() + 31_000);
      expect(await corpus.lookup(LISTED)).toBe('listed');
      expect(seen).toEqual(['unavailable', 'ok']);
    } finally {
      await api.close();
    }
  });

  test('when nothing listens at the URL, then the probe reports it unavailable', async () => {
    const api = await startRangeApi(ENTRIES);
    await api.close();
    const corpus = createBreachCorpus({
      source: { kind: 'url', url: api.url },
      minCount: 1,
      clock: () => new Date(),
    });
    expect(await corpus.probe()).toMatchObject({ state: 'unavailable', source: 'url' });
    expect(await corpus.lookup(LISTED)).toBe('skipped');
  });
});
