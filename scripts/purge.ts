import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { DAY } from '../src/time';
import { EXIT, parseOptions, runScript, UsageError } from './lib/cli';
import { withRuntime } from './lib/runtime';

const USAGE = `Usage: npm run purge [-- --keep-days N]

Deletes data nobody needs any more: expired sessions and rate-limit windows now; reset requests that
expired, and sent, failed or expired outbox items (their payloads are already gone), once older than
N days (default 7, so admins still see recent delivery history). Safe to run from cron on every instance.

Exit codes: 0 done, 1 failed, 2 usage error.`;

const OPTIONS = {
  'keep-days': { type: 'string', default: '7' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args, OPTIONS);
  if (options.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const keepDays = Number(options['keep-days']);
  if (!Number.isInteger(keepDays) || keepDays < 0)
    throw new UsageError('--keep-days must be a whole number ≥ 0.');
  return withRuntime(loadConfig(), 'purge', async ({ store }) => {
    const now = systemClock();
    const cutoff = new Date(now.getTime() - keepDays * DAY);
    const purged = {
      sessions: await store.sessions.purgeExpired(now),
      rateLimits: await store.rateLimits.purgeExpired(now),
      resetRequests: await store.resetRequests.purgeExpired(cutoff),
      outbox: await store.outbox.purgeFinished(cutoff),
    };
    console.log(
      `Purged ${purged.sessions} expired sessions, ${purged.rateLimits} rate-limit windows, ` +
        `${purged.resetRequests} reset requests and ${purged.outbox} outbox items (kept ${keepDays} days).`,
    );
    return EXIT.ok;
  });
}

runScript(main, USAGE);
