import type { Express } from 'express';

type TrustProxy = (address: string, hop: number) => boolean;

const REMEMBERED_ADDRESSES = 1_000;

/**
 * `trust proxy` as configured, with each address's answer remembered. Express asks several times
 * per request (protocol, secure, ip), and for an address list such as `loopback` every answer
 * parsed the address with ipaddr.js: 8% of a page render, always for the same few proxies.
 */
export function setTrustProxy(app: Express, setting: boolean | number | string): void {
  app.set('trust proxy', setting);
  // Booleans and hop counts compile to functions that never parse an address.
  if (typeof setting !== 'string') return;
  // Express keeps the compiled form of the setting under this name.
  const trust = app.get('trust proxy fn') as TrustProxy;
  const answers = new Map<string, boolean>();
  app.set('trust proxy', (address: string, hop: number) => {
    let answer = answers.get(address);
    if (answer === undefined) {
      // Addresses from X-Forwarded-For are many; the proxies asked about on every request are few.
      if (answers.size >= REMEMBERED_ADDRESSES) answers.clear();
      answer = trust(address, hop);
      answers.set(address, answer);
    }
    return answer;
  });
}
