// Must stay the first import: the bench's own argon2 ceiling uses the server's pool size.
import '../src/thread-pool-size';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPasswordHasher } from '../src/auth/password-hashing';
import { systemClock } from '../src/clock';
import { configFrom, type Config } from '../src/config';
import { createMailQueue } from '../src/outbox/mail-queue';
import { createOutboxCipher } from '../src/outbox/outbox-cipher';
import { createResetSecrets } from '../src/reset/secrets';
import { openSqliteStore } from '../src/store/sqlite';
import { Cleanup } from './cleanup';
import type { BenchContext } from './context';
import { below, round, type Figure } from './figures';
import { memberName, resetterName, seedUsers } from './fixtures';
import { measureArgon2Ceiling } from './phases/argon2-ceiling';
import { measureBreachedPasswords } from './phases/breached-passwords';
import { measureForgotGap } from './phases/forgot-gap';
import { measureForgotLoad } from './phases/forgot-load';
import { measureForgotToMail, measureMailLatency } from './phases/forgot-mail';
import { measureForgotRows } from './phases/forgot-rows';
import { measureLogin } from './phases/login';
import { measureOutboxDrain } from './phases/outbox';
import { measureRenders } from './phases/renders';
import { measureReset } from './phases/reset';
import { measureResetGap } from './phases/reset-gap';
import { FULL, SMOKE, type BenchProfile } from './profile';
import { describeMachine, formatTable, missingFigures, writeResults, type PhaseMemory } from './report';
import { freePort, readServerMemory, startBenchServer, watchPeakRss, type BenchServer } from './server';
import { CountingSmtpSink } from './smtp-sink';

const START_TIMEOUT_MS = 30_000;

/** In this order: the outbox phase drains what the /forgot phases queued, so the mail phases start idle. */
const PHASES: Array<[string, (context: BenchContext) => Promise<Figure[]>]> = [
  ['renders', measureRenders],
  ['login', measureLogin],
  ['reset', measureReset],
  ['reset-gap', measureResetGap],
  ['forgot-gap', measureForgotGap],
  ['forgot-load', measureForgotLoad],
  ['outbox', measureOutboxDrain],
  ['mail-latency', measureMailLatency],
  ['forgot-mail', measureForgotToMail],
  ['forgot-rows', measureForgotRows],
];
const UNLIMITED = '1000000';

/** Production mode, a fresh SQLite file, limits raised so the bench measures work rather than refusals. */
function serverEnv(dir: string, port: number, smtpUrl: string): Record<string, string> {
  const secret = () => randomBytes(32).toString('base64url');
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    DATA_DIR: dir,
    SQLITE_PATH: join(dir, 'bench.db'),
    SESSION_SECRET: secret(),
    TOKEN_PEPPER: secret(),
    OUTBOX_KEY: secret(),
    SMTP_URL: smtpUrl,
    APP_URL: `http://127.0.0.1:${port}`,
    // The bench plays the TLS-terminating proxy (X-Forwarded-Proto), so Secure session cookies work.
    TRUST_PROXY: 'loopback',
    // One access-log line per request would measure the pipe to the bench; the rest of the log stays on.
    REQUEST_LOGS: 'off',
    LOGIN_RATE_LIMIT: UNLIMITED,
    FORGOT_RATE_LIMIT: UNLIMITED,
    RESET_RATE_LIMIT: UNLIMITED,
    RESET_MAILS_PER_ACCOUNT_HOUR: '1000',
    RESET_FAILURES_PER_ACCOUNT_HOUR: '1000',
    ...(process.env.UV_THREADPOOL_SIZE && { UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE }),
  };
}

function describeSettings(profile: BenchProfile, config: Config): Record<string, string | number> {
  return {
    argon2: `argon2id m=${config.argon2.memoryCost} t=${config.argon2.timeCost} p=${config.argon2.parallelism}`,
    threadPool: Number(process.env.UV_THREADPOOL_SIZE),
    argon2Concurrency: availableParallelism(),
    store: 'SQLite (WAL) in a temp dir',
    loadConnections: profile.connections,
    argon2InFlight: profile.hashConcurrency,
    argon2WindowMs: profile.hashPhaseMs,
    forgotSeconds: profile.forgotSeconds,
    renderSeconds: profile.renderSeconds,
    gapSamplesPerKind: profile.gapSamplesPerClass,
    bootstrapResamples: profile.bootstrapResamples,
    outboxMails: profile.outboxMails,
    mailLatencySamples: profile.latencySamples,
    endToEndMails: profile.e2eMails,
    unknownNamePosts: profile.unknownPosts,
  };
}

/** MiB, rounded, of a process.memoryUsage() report. */
function toMb(memory: Record<string, number> | null): Record<string, number> | null {
  if (!memory) return null;
  return Object.fromEntries(Object.entries(memory).map(([key, bytes]) => [key, round(bytes / 2 ** 20)]));
}

function describeMemory(memory: Record<string, number> | null): string {
  const mb = toMb(memory);
  if (!mb) return '';
  const background =
    mb.backgroundHeapUsed === undefined
      ? ''
      : `, background thread's heap ${mb.backgroundHeapUsed} of ${mb.backgroundHeapTotal}`;
  return `; after it: rss ${mb.rss}, heap ${mb.heapUsed} of ${mb.heapTotal}${background}, external ${mb.external} MiB`;
}

async function runPhase(
  name: string,
  errors: string[],
  server: BenchServer | null,
  phase: () => Promise<Figure[]>,
) {
  const started = performance.now();
  process.stdout.write(`- ${name} … `);
  try {
    const figures = await phase();
    console.log(`${round((performance.now() - started) / 1000)} s`);
    return figures;
  } catch (err) {
    console.log('failed');
    const message = err instanceof Error ? err.message : String(err);
    const died = server && !server.alive() ? `\nserver exited; its last output:\n${server.output()}` : '';
    errors.push(`${name}: ${message}${died}`);
    console.error(`  ${message}${died}`);
    return [];
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const profile = args.includes('--smoke') ? SMOKE : FULL;
  // `--only=renders,forgot-load` (with `--cpu-prof`) profiles phases alone; the other figures are then missing.
  const only =
    args
      .find((arg) => arg.startsWith('--only='))
      ?.slice('--only='.length)
      .split(',') ?? null;
  const started = performance.now();
  const cleanup = new Cleanup();
  cleanup.exitOn(['SIGINT', 'SIGTERM'], profile.totalBudgetMs);
  const figures: Figure[] = [];
  const errors: string[] = [];
  const phases: PhaseMemory[] = [];
  try {
    const dir = mkdtempSync(join(tmpdir(), 'resetdesk-bench-'));
    cleanup.add(() => rmSync(dir, { recursive: true, force: true }));
    const sink = await new CountingSmtpSink().start();
    cleanup.add(() => sink.stop());
    const env = serverEnv(dir, await freePort(), sink.url);
    const config = configFrom(env);
    const sqlitePath = env.SQLITE_PATH!;
    const store = openSqliteStore(sqlitePath);
    cleanup.add(() => store.close());
    const hasher = createPasswordHasher(config.argon2);

    console.log(`ResetDesk bench (${profile.mode}): seeding ${profile.members + profile.resetters} users…`);
    const members = await seedUsers(store, hasher, profile.members, memberName);
    const resetters = await seedUsers(store, hasher, profile.resetters, resetterName);

    const ceilingRun = await runPhase('argon2 ceiling', errors, null, async () => {
      const result = await measureArgon2Ceiling(hasher, profile.ceilingMs, profile.hashConcurrency);
      return result.figures;
    });
    figures.push(...ceilingRun);
    const ceiling = ceilingRun[0]?.value ?? Number.NaN;
    figures.push(
      ...(await runPhase('breached passwords', errors, null, () =>
        measureBreachedPasswords(profile.corpusLookups),
      )),
    );

    const cpuProfileDir = args.includes('--cpu-prof') ? join(__dirname, 'profiles') : null;
    const server = await startBenchServer({ env, cwd: dir, startTimeoutMs: START_TIMEOUT_MS, cpuProfileDir });
    cleanup.add(() => server.stop());
    const rss = watchPeakRss(server.pid);
    const cipher = createOutboxCipher(config.outboxKey);
    const ctx: BenchContext = {
      profile,
      config,
      port: server.port,
      serverPid: server.pid,
      sqlitePath,
      store,
      hasher,
      secrets: createResetSecrets(config.tokenPepper),
      mailQueue: createMailQueue({
        outbox: store.outbox,
        cipher,
        clock: systemClock,
        maxAgeMs: config.outbox.maxAgeMs,
      }),
      sink,
      members,
      resetters,
      ceiling,
    };
    for (const [name, phase] of PHASES) {
      if (only && !only.includes(name)) continue;
      rss.enter(name);
      figures.push(...(await runPhase(name, errors, server, () => phase(ctx))));
      const peakMb = rss.phasePeak(name);
      const memory = server.alive() ? await readServerMemory(server) : null;
      phases.push({ name, peakRssMb: peakMb === null ? null : round(peakMb), memoryAfter: toMb(memory) });
      console.log(`  peak RSS ${peakMb === null ? '?' : round(peakMb)} MiB${describeMemory(memory)}`);
    }
    const peakMb = rss.stop();
    const peak = peakMb === null ? null : round((peakMb * 1024 * 1024) / 1e6);
    figures.push(
      below('rss.peak', 'Server peak RSS', peak, 'MB', 160, 'VmHWM of the server process, all phases'),
    );

    const resultsPath =
      profile.mode === 'full'
        ? join(__dirname, '..', '..', 'bench', 'results.json')
        : join(__dirname, 'results.smoke.json');
    await cleanup.run();
    const durationSeconds = round((performance.now() - started) / 1000);
    writeResults(resultsPath, {
      timestamp: new Date().toISOString(),
      mode: profile.mode,
      durationSeconds,
      machine: describeMachine(),
      settings: describeSettings(profile, config),
      figures,
      phases,
      errors,
    });
    console.log(`\n${formatTable(figures)}\n\n${durationSeconds} s; results in ${resultsPath}`);
  } catch (err) {
    errors.push(err instanceof Error ? (err.stack ?? err.message) : String(err));
    console.error(errors.at(-1));
  } finally {
    await cleanup.run();
  }
  const missing = missingFigures(figures);
  if (missing.length > 0) console.error(`bench: missing figures: ${missing.join(', ')}`);
  return missing.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
