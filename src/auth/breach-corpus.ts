import { createHash } from 'node:crypto';
import { opendir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../clock';

/**
 * An optional local copy of the Pwned Passwords range files (`BREACHED_PASSWORDS_DIR`, one
 * `<5 hex digits>.txt` per SHA-1 prefix as the official downloader writes them) or a self-hosted
 * range API (`BREACHED_PASSWORDS_URL`, asked for `<url>/range/<prefix>`). Only the 5-digit prefix of
 * the password's SHA-1 leaves this module; the answer lists every suffix under it with its count.
 * A corpus that cannot be read is skipped, never an error: the bundled list still applies.
 */
export type BreachCorpusSource = { kind: 'dir'; dir: string } | { kind: 'url'; url: string };

export type CorpusStatus =
  | { state: 'off' }
  | { state: 'ok'; source: BreachCorpusSource['kind'] }
  | { state: 'unavailable'; source: BreachCorpusSource['kind']; reason: string; since: Date };

export type CorpusAnswer = 'listed' | 'clear' | 'skipped';

export interface BreachCorpus {
  /** Whether the password is in the corpus at least minCount times; `skipped` when it cannot be read. */
  lookup(password: string): Promise<CorpusAnswer>;
  /** Checks the corpus can be read (start-up), and records the result in status(). */
  probe(): Promise<CorpusStatus>;
  status(): CorpusStatus;
  /** Called whenever the corpus becomes unavailable or comes back. */
  watch(listener: (status: CorpusStatus) => void): void;
}

export interface BreachCorpusDeps {
  source: BreachCorpusSource | null;
  minCount: number;
  clock: Clock;
}

/** A range API slower than this is skipped for the request: a password change must not hang on it. */
const FETCH_TIMEOUT_MS = 2_000;
/** After a failure, lookups skip the API this long instead of each waiting for the timeout. */
const RETRY_AFTER_MS = 30_000;
const RANGE_FILE = /^[0-9A-F]{5}\.txt$/i;

class CorpusUnavailable extends Error {}

/** The count after `SUFFIX:` at the start of a line, or 0 when the suffix is not listed. */
function countOf(body: string, suffix: string): number {
  const key = `${suffix}:`;
  let at = body.indexOf(key);
  while (at > 0 && body[at - 1] !== '\n') at = body.indexOf(key, at + 1);
  if (at === -1) return 0;
  return Number.parseInt(body.slice(at + key.length, at + key.length + 12), 10) || 0;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function holdsRangeFiles(dir: string): Promise<boolean> {
  const entries = await opendir(dir);
  for await (const entry of entries) if (RANGE_FILE.test(entry.name)) return true;
  return false;
}

export function createBreachCorpus({ source, minCount, clock }: BreachCorpusDeps): BreachCorpus {
  let current: CorpusStatus = source ? { state: 'ok', source: source.kind } : { state: 'off' };
  const listeners: ((status: CorpusStatus) => void)[] = [];
  let retryAt = 0;

  function record(next: CorpusStatus): void {
    const changed = next.state !== current.state;
    current = next;
    if (changed) for (const listener of listeners) listener(next);
  }

  async function readDirRange(dir: string, prefix: string): Promise<string> {
    try {
      return await readFile(join(dir, `${prefix}.txt`), 'latin1');
    } catch (error) {
      // A partial copy may lack a prefix; a directory that is gone, or holds no range file, is unavailable.
      const present = await holdsRangeFiles(dir).catch(() => false);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && present) return '';
      throw new CorpusUnavailable(present ? describe(error) : `no range files in ${dir}`);
    }
  }

  async function fetchRange(url: string, prefix: string): Promise<string> {
    if (current.state === 'unavailable' && clock().getTime() < retryAt) {
      throw new CorpusUnavailable(current.reason);
    }
    try {
      const response = await fetch(`${url.replace(/\/+$/, '')}/range/${prefix}`, {
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        redirect: 'error',
      });
      if (!response.ok) throw new Error(`the range API answered ${response.status}`);
      return await response.text();
    } catch (error) {
      retryAt = clock().getTime() + RETRY_AFTER_MS;
      throw new CorpusUnavailable(describe(error));
    }
  }

  async function range(prefix: string): Promise<string> {
    if (!source) return '';
    try {
      const body =
        source.kind === 'dir' ? await readDirRange(source.dir, prefix) : await fetchRange(source.url, prefix);
      record({ state: 'ok', source: source.kind });
      return body;
    } catch (error) {
      if (!(error instanceof CorpusUnavailable)) throw error;
      const since = current.state === 'unavailable' ? current.since : clock();
      record({ state: 'unavailable', source: source.kind, reason: error.message, since });
      throw error;
    }
  }

  return {
    async lookup(password) {
      if (!source) return 'clear';
      const hash = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
      try {
        return countOf(await range(hash.slice(0, 5)), hash.slice(5)) >= minCount ? 'listed' : 'clear';
      } catch (error) {
        if (error instanceof CorpusUnavailable) return 'skipped';
        throw error;
      }
    },
    async probe() {
      if (!source) return current;
      if (source.kind === 'dir') {
        const present = await holdsRangeFiles(source.dir).catch(() => false);
        record(
          present
            ? { state: 'ok', source: 'dir' }
            : {
                state: 'unavailable',
                source: 'dir',
                reason: `no range files in ${source.dir}`,
                since: clock(),
              },
        );
      } else {
        await range('00000').catch(() => undefined);
      }
      return current;
    },
    status: () => current,
    watch(listener) {
      listeners.push(listener);
    },
  };
}

/**
 * The corpus's state as the public `/readyz` shows it, without its path, URL or the failure's text
 * (those go to the log). `unavailable` means passwords are checked against the bundled list alone.
 */
export function describeCorpusStatus(status: CorpusStatus): Record<string, string> {
  if (status.state !== 'unavailable') return { corpus: status.state };
  return { corpus: 'unavailable', since: status.since.toISOString(), checking: 'bundled list only' };
}
