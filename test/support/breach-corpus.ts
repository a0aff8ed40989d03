import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CorpusEntry {
  password: string;
  count: number;
}

const FILLER_LINES = 40;

function sha1(password: string): string {
  return createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
}

/**
 * Range files as the Pwned Passwords downloader writes them: `<PREFIX>.txt`, one `SUFFIX:COUNT` line
 * per hash (CRLF), sorted, with made-up neighbours so a listed suffix is never alone in its file.
 */
export function rangeFiles(entries: CorpusEntry[]): Map<string, string> {
  const lines = new Map<string, string[]>();
  for (const { password, count } of entries) {
    const hash = sha1(password);
    const prefix = hash.slice(0, 5);
    if (!lines.has(prefix)) {
      const filler = Array.from(
        { length: FILLER_LINES },
        (_, i) => `${randomBytes(18).toString('hex').slice(0, 35).toUpperCase()}:${i + 1}`,
      );
      lines.set(prefix, filler);
    }
    lines.get(prefix)!.push(`${hash.slice(5)}:${count}`);
  }
  return new Map([...lines].map(([prefix, list]) => [prefix, `${list.sort().join('\r\n')}\r\n`]));
}

/** A generated corpus in a fresh temp directory. */
export function writeRangeCorpus(entries: CorpusEntry[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'resetdesk-corpus-'));
  for (const [prefix, body] of rangeFiles(entries)) writeFileSync(join(dir, `${prefix}.txt`), body);
  return dir;
}

export interface RangeApi {
  url: string;
  /** Every path asked for, in order. */
  requests: string[];
  /** Answer every request with this status from now on (e.g. 503), or null to serve the corpus. */
  failWith: number | null;
  close(): Promise<void>;
}

/** A self-hosted range API on loopback (`GET /range/<PREFIX>`), serving a generated corpus. */
export async function startRangeApi(entries: CorpusEntry[]): Promise<RangeApi> {
  const files = rangeFiles(entries);
  const api: RangeApi = {
    url: '',
    requests: [],
    failWith: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    api.requests.push(req.url ?? '');
    if (api.failWith !== null) return res.writeHead(api.failWith).end();
    const prefix = /^\/range\/([0-9A-F]{5})$/.exec(req.url ?? '')?.[1];
    if (!prefix) return res.writeHead(400).end();
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end(files.get(prefix) ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
