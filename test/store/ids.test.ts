import { createIdGenerator, newId } from '../../src/store/ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function timestampOf(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

function counterOf(id: string): number {
  const hex = id.replace(/-/g, '');
  const randA = parseInt(hex.slice(13, 16), 16);
  const randBHigh = parseInt(hex.slice(16, 24), 16) & 0x3fffffff;
  return randA * 2 ** 30 + randBHigh;
}

/** A generator on a hand-moved clock, with every random byte set to `fill`. */
function generatorAt(startMs: number, fill = 0x00) {
  const clock = { ms: startMs };
  const next = createIdGenerator({ now: () => clock.ms, fillRandom: (bytes) => bytes.fill(fill) });
  return { clock, next };
}

describe('record ids', () => {
  test('when an id is made, then it is a UUIDv7 whose timestamp is the current time', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(id).toMatch(UUID_V7);
    expect(timestampOf(id)).toBeGreaterThanOrEqual(before);
    expect(timestampOf(id)).toBeLessThanOrEqual(after);
  });

  test('when 10,000 ids are made in a tight loop, then they are unique and already sorted as strings', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  test('when ids are made in one millisecond, then the counter counts up from a random start', () => {
    const { next } = generatorAt(1_700_000_000_000, 0x5a);
    const [first, second, third] = [next(), next(), next()];
    expect(timestampOf(first)).toBe(1_700_000_000_000);
    expect(timestampOf(third)).toBe(1_700_000_000_000);
    expect(counterOf(second) - counterOf(first)).toBe(1);
    expect(counterOf(third) - counterOf(second)).toBe(1);
    expect(first.endsWith('5a5a5a5a')).toBe(true);
  });

  test('when the clock moves on, then a later id sorts after, whatever its counter', () => {
    const { clock, next } = generatorAt(1_700_000_000_000, 0xff);
    const early = next();
    clock.ms += 1;
    const { next: lowCounter } = generatorAt(clock.ms, 0x00);
    expect(early < next()).toBe(true);
    expect(early < lowCounter()).toBe(true);
  });

  test('when the clock steps back, then ids keep the last timestamp and stay in order', () => {
    const { clock, next } = generatorAt(1_700_000_000_000);
    const first = next();
    clock.ms -= 5_000;
    const second = next();
    expect(timestampOf(second)).toBe(1_700_000_000_000);
    expect(second > first).toBe(true);
  });

  test('when the counter runs out within a millisecond, then the next id takes the next millisecond', () => {
    const { next } = generatorAt(1_700_000_000_000, 0xff);
    const last = next();
    expect(counterOf(last)).toBe(2 ** 42 - 1);
    const borrowed = next();
    expect(borrowed).toMatch(UUID_V7);
    expect(timestampOf(borrowed)).toBe(1_700_000_000_001);
    expect(borrowed > last).toBe(true);
  });
});
