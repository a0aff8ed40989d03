import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_SECRETS } from '../web/harness';

export const SERVER_ENTRY = join(__dirname, '..', '..', 'dist', 'src', 'server.js');

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

/** Polls `condition` every 50 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A test server process on a SQLite file (shared by several processes if need be) mailing through `smtpUrl`. */
export function sqliteServerEnv(options: {
  port: number;
  dataDir: string;
  sqlitePath: string;
  smtpUrl: string;
}): Record<string, string> {
  return {
    ...TEST_SECRETS,
    NODE_ENV: 'test',
    PORT: String(options.port),
    DATA_DIR: options.dataDir,
    SQLITE_PATH: options.sqlitePath,
    SMTP_URL: options.smtpUrl,
    OUTBOX_POLL_MS: '50',
    REQUEST_LOGS: 'off',
  };
}

export interface RunningServer {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code once the process ends (or rejects after timeoutMs). */
  exited(timeoutMs?: number): Promise<number | null>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Starts the built server (`npm test` builds first) as a real child process. */
export function startServer(env: Record<string, string>): RunningServer {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited: (timeoutMs = 15_000) =>
      Promise.race([
        exit,
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error(`server still running after ${timeoutMs} ms:\n${output}`)),
            timeoutMs,
          ).unref(),
        ),
      ]),
    async waitForOutput(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`never saw ${pattern} (exit ${child.exitCode}):\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
