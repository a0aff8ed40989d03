import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { DAY } from '../src/time';
import { EXIT, parseOptions, runScript, UsageError } from './lib/cli';
import { withRuntime } from './lib/runtime';

const USAGE = `Usage: npm run purge [-- --keep-days N] [--keep-alert-days M]

Deletes data nobody needs any more: expired sessions and rate-limit windows now; reset requests that
expired, caller verifications and "this wasn't me" links that ended, and sent, failed or expired outbox
items (their payloads are already gone), once older than N days (default 7, so admins still see recent
delivery history); security alerts once older than M days (default 90, so an alert still waits for an
admin back from leave). Safe to run from cron on every instance.

Exit codes: 0 done, 1 failed, 2 usage error.`;

const OPTIONS = {
  'keep-days': { type: 'string', default: '7' },
  'keep-alert-days': { type: 'string', default: '90' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseDays(value: string, flag: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0) throw new UsageError(`${flag} must be a whole number ≥ 0.`);
  return days;
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY);
}

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args, OPTIONS);
  if (options.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const keepDays = parseDays(options['keep-days'], '--keep-days');
  const keepAlertDays = parseDays(options['keep-alert-days'], '--keep-alert-days');
  return withRuntime(loadConfig(), 'purge', async ({ store }) => {
    const now = systemClock();
    const cutoff = daysBefore(now, keepDays);
    const purged = {
      sessions: await store.sessions.purgeExpired(now),
      rateLimits: await store.rateLimits.purgeExpired(now),
      idempotencyKeys: await store.idempotencyKeys.purgeExpired(now),
      resetRequests: await store.resetRequests.purgeExpired(cutoff),
      verifications: await store.verifications.purgeEnded(cutoff),
      secureAccountTokens: await store.secureAccountTokens.purgeEnded(cutoff),
      outbox: await store.outbox.purgeFinished(cutoff),
      securityAlerts: await store.securityAlerts.purgeOlderThan(daysBefore(now, keepAlertDays)),
    };
    console.log(
      `Purged ${purged.sessions} expired sessions, ${purged.rateLimits} rate-limit windows, ` +
        `${purged.idempotencyKeys} API idempotency keys, ` +
        `${purged.resetRequests} reset requests, ${purged.verifications} caller verifications, ` +
        `${purged.secureAccountTokens} secure-account links and ${purged.outbox} outbox items ` +
        `(kept ${keepDays} days); ${purged.securityAlerts} security alerts (kept ${keepAlertDays} days).`,
    );
    return EXIT.ok;
  });
}

runScript(main, USAGE);
