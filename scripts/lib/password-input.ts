import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { ScriptError, UsageError } from './cli';

export interface PasswordEntry {
  password: string;
  confirmation: string;
}

/** The first line of stdin, without its line ending; null when stdin ends before any input. */
export async function readLineFromStdin(): Promise<string | null> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of lines) return line;
    return null;
  } finally {
    lines.close();
  }
}

/**
 * Reads one line from the terminal without echoing it: readline still does the line editing, but
 * its output goes to a sink, so neither the characters nor asterisks (which leak the length) appear.
 */
export async function promptHidden(prompt: string): Promise<string> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const terminal = createInterface({ input: process.stdin, output: sink, terminal: true });
  const cancel = new AbortController();
  // Ctrl-C arrives as a keypress in raw mode and Ctrl-D closes the interface: both abort the prompt.
  terminal.once('SIGINT', () => cancel.abort());
  terminal.once('close', () => cancel.abort());
  process.stderr.write(prompt);
  try {
    return await terminal.question('', { signal: cancel.signal });
  } catch {
    throw new ScriptError('Cancelled; nothing was changed.');
  } finally {
    process.stderr.write('\n');
    terminal.close();
  }
}

/** Called before any work, so a cron job without --password-stdin fails at once rather than hanging. */
export function assertPasswordSource(fromStdin: boolean): void {
  if (!fromStdin && !process.stdin.isTTY) {
    throw new UsageError('stdin is not a terminal, so there is no way to prompt: use --password-stdin.');
  }
}

/** From the first line of stdin (automation) or two hidden prompts on a terminal. */
export async function readNewPassword(fromStdin: boolean): Promise<PasswordEntry> {
  assertPasswordSource(fromStdin);
  if (fromStdin) {
    const line = await readLineFromStdin();
    if (line === null) throw new ScriptError('--password-stdin was given but stdin was empty.');
    return { password: line, confirmation: line };
  }
  const password = await promptHidden('Password: ');
  const confirmation = await promptHidden('Repeat the password: ');
  return { password, confirmation };
}
