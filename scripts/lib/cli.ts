import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../../src/config';

/** Shared by every script, and stated in each usage text. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Wrong arguments: the script prints its usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An expected failure with a message for the operator (exit 1, no stack trace). */
export class ScriptError extends Error {
  override name = 'ScriptError';
}

/**
 * Passwords on the command line end up in shell history and in `ps` for every local user to read,
 * so the flag is refused outright with a pointer to the safe ways (and the value is never echoed).
 */
function refusePasswordArgument(args: string[]): void {
  if (args.some((arg) => arg === '--password' || arg.startsWith('--password='))) {
    throw new UsageError(
      'A password is never accepted as a command-line argument (it would land in shell history and `ps`). ' +
        'Pipe it in with --password-stdin, or run in a terminal to be prompted.',
    );
  }
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<T extends OptionsConfig>(args: string[], options: T) {
  refusePasswordArgument(args);
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export function requireOption(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`Missing ${flag}.`);
  return value;
}

/** Prints each problem on its own line to stderr. */
export function reportProblems(heading: string, problems: string[]): void {
  console.error([heading, ...problems.map((problem) => `  - ${problem}`)].join('\n'));
}

function describeFailure(err: unknown, usage: string): { message: string; code: number } {
  if (err instanceof UsageError) return { message: `${err.message}\n\n${usage}`, code: EXIT.usage };
  if (err instanceof ScriptError || err instanceof ConfigError) {
    return { message: err.message, code: EXIT.failed };
  }
  return { message: err instanceof Error ? (err.stack ?? err.message) : String(err), code: EXIT.failed };
}

/**
 * Runs a script's main and sets process.exitCode instead of calling process.exit, so the store
 * closes and pending writes finish before Node leaves on its own.
 */
export function runScript(main: (args: string[]) => Promise<number>, usage: string): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const { message, code } = describeFailure(err, usage);
      console.error(message);
      process.exitCode = code;
    },
  );
}
