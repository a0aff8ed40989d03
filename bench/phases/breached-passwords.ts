import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createBreachCorpus } from '../../src/auth/breach-corpus';
import { loadBundledBreachedList } from '../../src/auth/breached-passwords';
import { systemClock } from '../../src/clock';
import { PROJECT_ROOT } from '../../src/project-root';
import { BLOCKLIST_ASSET, builtAssetPath } from '../../src/web/assets';
import { below, round, type Figure } from '../figures';

/** Lines per generated range file: the real corpus has about 900 hashes under each of its 1,048,576 prefixes. */
const LINES_PER_RANGE = 900;
const CHECKS = 20_000;

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').toUpperCase();
}

/** Half listed entries as users type them, half random: both paths through the lookup. */
function samplePasswords(count: number): string[] {
  const listed = ['Password1!', 'Summer2024!', 'Qwerty123!', 'iloveyou', 'Johnny2024!'];
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0 ? listed[i % listed.length]! : `${randomBytes(9).toString('base64')}!7`,
  );
}

/** Mean microseconds per bundled-list check, after the list is loaded (as at server start). */
function timeBundledChecks(): { meanUs: number; loadMs: number; entries: number } {
  const loadStarted = performance.now();
  const list = loadBundledBreachedList(PROJECT_ROOT);
  const loadMs = performance.now() - loadStarted;
  const passwords = samplePasswords(CHECKS);
  let listed = 0;
  const started = performance.now();
  for (const password of passwords) if (list.includes(password)) listed++;
  const meanUs = ((performance.now() - started) * 1000) / passwords.length;
  if (listed < passwords.length / 2) throw new Error(`only ${listed} of the listed samples were found`);
  return { meanUs, loadMs, entries: list.size };
}

/**
 * RSS the bundled list adds to a fresh Node process: its modules are loaded first, then RSS is read
 * (after a full GC) before and after loading the list and checking one password.
 */
function measureListRss(): number {
  const modules = {
    list: join(__dirname, '..', '..', 'src', 'auth', 'breached-passwords.js'),
    root: join(__dirname, '..', '..', 'src', 'project-root.js'),
  };
  const script = `
    const { loadBundledBreachedList } = require(${JSON.stringify(modules.list)});
    const { PROJECT_ROOT } = require(${JSON.stringify(modules.root)});
    gc(); const before = process.memoryUsage().rss;
    const list = loadBundledBreachedList(PROJECT_ROOT);
    list.includes('Summer2024!');
    gc(); const after = process.memoryUsage().rss;
    process.stdout.write(JSON.stringify({ before, after, size: list.size }));
  `;
  const child = spawnSync(process.execPath, ['--expose-gc', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (child.status !== 0) throw new Error(`memory probe failed: ${child.stderr}`);
  const { before, after } = JSON.parse(child.stdout) as { before: number; after: number };
  return (after - before) / 1e6;
}

/** Mean milliseconds per corpus lookup on generated range files of the real files' size. */
async function timeCorpusLookups(count: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'resetdesk-bench-corpus-'));
  try {
    const passwords = samplePasswords(count);
    // Two samples may share a 5-digit prefix (likely among a thousand): one file holds both.
    const ranges = new Map<string, string[]>();
    for (const password of passwords) {
      const hash = sha1(password);
      const prefix = hash.slice(0, 5);
      const lines =
        ranges.get(prefix) ??
        Array.from({ length: LINES_PER_RANGE }, (_, i) => `${sha1(`${hash}${i}`).slice(5)}:${i + 1}`);
      lines.push(`${hash.slice(5)}:3`);
      ranges.set(prefix, lines);
    }
    for (const [prefix, lines] of ranges) {
      writeFileSync(join(dir, `${prefix}.txt`), `${lines.sort().join('\r\n')}\r\n`);
    }
    const corpus = createBreachCorpus({ source: { kind: 'dir', dir }, minCount: 1, clock: systemClock });
    await corpus.lookup(passwords[0]!);
    const started = performance.now();
    for (const password of passwords) {
      if ((await corpus.lookup(password)) !== 'listed')
        throw new Error('a generated corpus entry was not found');
    }
    return (performance.now() - started) / passwords.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The breached-password check's cost: time per check, server memory, and what the browser downloads. */
export async function measureBreachedPasswords(corpusLookups: number): Promise<Figure[]> {
  const { meanUs, loadMs, entries } = timeBundledChecks();
  const rssMb = measureListRss();
  const corpusMs = await timeCorpusLookups(corpusLookups);
  const file = readFileSync(builtAssetPath(PROJECT_ROOT, BLOCKLIST_ASSET));
  const gzipKb = gzipSync(file, { level: 6 }).length / 1024;
  return [
    below(
      'breached.check',
      'Breached check, bundled list',
      round(meanUs / 1000, 4),
      'ms',
      1,
      `${round(meanUs, 2)} µs per password over ${CHECKS} (half listed), ${entries} entries, loaded in ${round(loadMs)} ms`,
    ),
    below(
      'breached.corpus',
      'Breached check, local range files',
      round(corpusMs, 3),
      'ms',
      1,
      `${corpusLookups} lookups, ${LINES_PER_RANGE + 1} lines a file (BREACHED_PASSWORDS_DIR)`,
    ),
    below(
      'breached.rss',
      'Breached list server RSS',
      round(rssMb, 2),
      'MB',
      10,
      'fresh process, after a full GC',
    ),
    below(
      'breached.gzip',
      'Breached list to the browser (gzip)',
      round(gzipKb),
      'KB',
      300,
      `${round(file.length / 1024)} KB raw, fetched once after first paint and cached for good`,
    ),
  ];
}
