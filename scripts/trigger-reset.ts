import { normalizeUsername } from '../src/shared/username';
import { describeRefusal } from '../src/admin/admin-messages';
import { loadConfig } from '../src/config';
import { createDateFormats } from '../src/i18n/date-formats';
import { EXIT, parseOptions, requireOption, runScript, ScriptError } from './lib/cli';
import { withRuntime } from './lib/runtime';

const USAGE = `Usage: npm run trigger-reset -- --username <email>

Sends the account the same email a user gets from "Forgot password": a link and a 6-digit code, to
the username address (a pending account that never had a password gets its invitation instead).
The mail is queued in the outbox; a running app instance sends it. Audited as done from the command line.

Exit codes: 0 queued, 1 unknown or ineligible account (nothing sent), 2 usage error.`;

const OPTIONS = {
  username: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args, OPTIONS);
  if (options.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const username = normalizeUsername(requireOption(options.username, '--username'));
  return withRuntime(loadConfig(), 'trigger-reset', async ({ store, services, context }) => {
    const user = await store.users.findByUsername(username);
    if (!user) throw new ScriptError(`No account has the username ${username}.`);
    const result = await services.adminResets.sendResetLink(null, user, { ticketRef: null }, context);
    if (!result.ok)
      throw new ScriptError(
        `Nothing sent: ${describeRefusal(result.error, user, services.localization.for().t)}`,
      );
    const what = result.purpose === 'invite' ? 'Invitation' : 'Reset link';
    console.log(
      `${what} and code queued for ${result.to} (valid ${createDateFormats('en', 'UTC').formatDuration(result.expiresInMs)}).`,
    );
    return EXIT.ok;
  });
}

runScript(main, USAGE);
