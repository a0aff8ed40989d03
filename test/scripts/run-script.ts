import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh data directory and SQLite file per test; the child sees nothing else of this environment. */
export class ScriptSandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'resetdesk-scripts-'));
  readonly sqlitePath = join(this.dir, 'resetdesk.db');

  env(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATA_DIR: this.dir,
      SQLITE_PATH: this.sqlitePath,
      // Blank counts as unset, and a developer's .env cannot point the run at a real MongoDB.
      MONGODB_URI: '',
      SESSION_SECRET: 'scripts-test-session-secret-0123456789abc',
      TOKEN_PEPPER: 'scripts-test-token-pepper-0123456789abcde',
      OUTBOX_KEY: 'scripts-test-outbox-key-0123456789abcdefg',
      ...overrides,
    };
  }

  /** Runs the compiled script (`npm test` builds first) as a real child process. */
  run(script: string, args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
    const child = spawn(process.execPath, [join('dist/scripts', `${script}.js`), ...args], {
      cwd: ROOT,
      env: this.env(options.env),
    });
    const run: ScriptRun = { code: null, stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    // A script that fails before reading stdin closes it early; that EPIPE is not the test's concern.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    return new Promise<ScriptRun>((done, fail) => {
      child.on('error', fail);
      child.on('close', (code) => done({ ...run, code }));
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
