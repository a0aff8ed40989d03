import { randomToken } from '../../src/web/random-tokens';

describe('random tokens from the pool', () => {
  it('when many tokens are drawn across refills of the pool, then each has its length and none repeats', () => {
    // 32 bytes a token: 1,000 tokens cross the 4 KB pool's refill several times, at and off its edge.
    const tokens = Array.from({ length: 1000 }, (_, index) => randomToken(index % 3 === 0 ? 24 : 32, 'hex'));

    expect(new Set(tokens).size).toBe(tokens.length);
    tokens.forEach((token, index) =>
      expect(token).toMatch(index % 3 === 0 ? /^[0-9a-f]{48}$/ : /^[0-9a-f]{64}$/),
    );
  });

  it('when a token is asked for in base64url, then it encodes the bytes asked for', () => {
    const token = randomToken(32, 'base64url');

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('when more bytes than the pool holds are asked for, then it refuses', () => {
    expect(() => randomToken(4097, 'hex')).toThrow(RangeError);
  });
});
