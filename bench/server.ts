import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const SERVER_ENTRY = resolve(__dirname, '..', 'src', 'server.js');

/**
 * How `npm start` runs the server (package.json): the environment it sets before `node` (glibc's
 * malloc arenas) and the V8 flags after it, so the bench measures the same process.
 */
function startCommand(): { env: Record<string, string>; flags: string[] } {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = manifest.scripts.start.split(/\s+/);
  const assignments = words.slice(0, words.indexOf('node')).map((word) => word.split('='));
  return {
    env: Object.fromEntries(assignments.map(([name, value]) => [name!, value ?? ''])),
    flags: words.filter((word) => word.startsWith('--')),
  };
}
const KEPT_OUTPUT_CHARS = 16_000;
const STOP_GRACE_MS = 5_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface BenchServer {
  pid: number;
  port: number;
  /** The tail of its stdout + stderr, for error reports. */
  output(): string;
  alive(): boolean;
  /** SIGTERM (graceful, flushes a CPU profile), SIGKILL after 5 s. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  env: Record<string, string>;
  cwd: string;
  startTimeoutMs: number;
  /** Directory for `--cpu-prof` output, or null. */
  cpuProfileDir: string | null;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** The built server (`node dist/src/server.js`) as a child process, resolved once it logs that it listens. */
export async function startBenchServer(options: ServerOptions): Promise<BenchServer> {
  const port = Number(options.env.PORT);
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const start = startCommand();
  const child = spawn(process.execPath, [...profile, ...start.flags, SERVER_ENTRY], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...start.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const server: BenchServer = {
    pid: child.pid!,
    port,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (!server.alive()) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.kill('SIGTERM');
      await waitForExit(child);
      clearTimeout(killer);
    },
  };
  const deadline = Date.now() + options.startTimeoutMs;
  while (!/listening on port/.test(output)) {
    if (!server.alive() || Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server;
}

/**
 * Peak resident set size of a process in MiB, sampled from /proc every `intervalMs` (Linux only):
 * over the whole run (with the kernel's own high-water mark, VmHWM) and per phase (sampled VmRSS).
 */
export function watchPeakRss(pid: number, intervalMs = 100) {
  let peakKib = 0;
  let phase = 'start';
  const phasePeakKib = new Map<string, number>();
  const read = (status: string, field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = read(status, 'VmRSS');
      peakKib = Math.max(peakKib, rss, read(status, 'VmHWM'));
      phasePeakKib.set(phase, Math.max(phasePeakKib.get(phase) ?? 0, rss));
    } catch {
      // The process is gone or this is not Linux: the peak so far stands.
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    /** Samples from now on count for this phase. */
    enter(name: string): void {
      sample();
      phase = name;
      sample();
    },
    /** The peak of one phase in MiB; null when nothing could be read. */
    phasePeak(name: string): number | null {
      const kib = phasePeakKib.get(name) ?? 0;
      return kib > 0 ? kib / 1024 : null;
    },
    /** null when nothing could be read. */
    stop(): number | null {
      sample();
      clearInterval(timer);
      return peakKib > 0 ? peakKib / 1024 : null;
    },
  };
}

/** The last log line of the server's that holds `message`, parsed; undefined when none. */
function lastLogged(server: BenchServer, message: string): string | undefined {
  return server
    .output()
    .split('\n')
    .reverse()
    .find((text) => text.includes(`"msg":"${message}"`));
}

/**
 * The server's answer to SIGUSR2, read back from its log: its process.memoryUsage(), and, when its
 * workers run in a background thread, that thread's heap (as `backgroundHeapUsed`/`backgroundHeapTotal`).
 */
export async function readServerMemory(server: BenchServer): Promise<Record<string, number> | null> {
  const previous = lastLogged(server, 'memory usage');
  const previousThread = lastLogged(server, 'background thread memory usage');
  process.kill(server.pid, 'SIGUSR2');
  let memory: Record<string, number> | null = null;
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const line = lastLogged(server, 'memory usage');
    const threadLine = lastLogged(server, 'background thread memory usage');
    if (line && line !== previous) memory ??= (JSON.parse(line) as { memory: Record<string, number> }).memory;
    if (memory && threadLine && threadLine !== previousThread) {
      const thread = (JSON.parse(threadLine) as { memory: Record<string, number> }).memory;
      return { ...memory, backgroundHeapUsed: thread.heapUsed!, backgroundHeapTotal: thread.heapTotal! };
    }
    // Without a background thread there is no second line: a few more polls, then the first alone.
    if (memory && i >= 8) return memory;
  }
  return memory;
}
