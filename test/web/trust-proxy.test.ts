import express from 'express';
import { setTrustProxy } from '../../src/web/trust-proxy';

type TrustProxy = (address: string, hop: number) => boolean;

function compiledTrust(setting: boolean | number | string): TrustProxy {
  const app = express();
  setTrustProxy(app, setting);
  return app.get('trust proxy fn') as TrustProxy;
}

describe('trust proxy', () => {
  it('when set to an address list, then proxies in it are trusted and others not, however often asked', () => {
    const trust = compiledTrust('loopback, 10.0.0.0/8');
    for (let round = 0; round < 3; round++) {
      expect(trust('127.0.0.1', 0)).toBe(true);
      expect(trust('::ffff:127.0.0.1', 0)).toBe(true);
      expect(trust('10.1.2.3', 1)).toBe(true);
      expect(trust('203.0.113.9', 0)).toBe(false);
    }
  });

  it('when set to a hop count or a boolean, then Express answers as documented', () => {
    expect(compiledTrust(1)('203.0.113.9', 0)).toBe(true);
    expect(compiledTrust(1)('203.0.113.9', 1)).toBe(false);
    expect(compiledTrust(false)('127.0.0.1', 0)).toBe(false);
    expect(compiledTrust(true)('203.0.113.9', 5)).toBe(true);
  });
});
