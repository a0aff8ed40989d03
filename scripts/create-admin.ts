import { isEmailAddress } from '../src/auth/email';
import { normalizeUsername } from '../src/shared/username';
import { loadConfig } from '../src/config';
import { SOURCE_LOCALE } from '../src/i18n/localization';
import { EXIT, parseOptions, reportProblems, requireOption, runScript } from './lib/cli';
import { assertPasswordSource, readNewPassword, type PasswordEntry } from './lib/password-input';
import { withRuntime, type Runtime } from './lib/runtime';

const USAGE = `Usage: npm run create-admin -- --username <email> --name "<display name>" [--password-stdin]

Creates an active administrator (role admin, user type admin_staff) in the configured store.

  --username <email>   the sign-in name; reset mail goes to this address
  --name <text>        display name, e.g. "Ada Admin"
  --password-stdin     read the password from the first line of stdin (for automation);
                       without it, you are prompted twice on the terminal and nothing is echoed
  -h, --help           show this text

The password is never accepted as an argument: it would land in shell history and \`ps\`.
Exit codes: 0 created, 1 invalid input or username taken, 2 usage error.`;

const OPTIONS = {
  username: { type: 'string' },
  name: { type: 'string' },
  'password-stdin': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

interface Identity {
  username: string;
  displayName: string;
}

/** Checked before the password is asked for, so nobody types a password twice for a doomed run. */
async function identityProblems({ store }: Runtime, identity: Identity): Promise<string[]> {
  const problems: string[] = [];
  if (!isEmailAddress(identity.username)) {
    problems.push(`The username "${identity.username}" is not an email address, like name@example.org.`);
  } else if (await store.users.findByUsername(identity.username)) {
    problems.push(alreadyExists(identity.username));
  }
  if (!identity.displayName) problems.push('The name is empty: give one with --name "Ada Admin".');
  return problems;
}

function alreadyExists(username: string): string {
  return `A user with the username ${username} already exists.`;
}

async function passwordProblems({ services }: Runtime, identity: Identity, entry: PasswordEntry) {
  const owner = { ...identity, passwordHash: null, passwordHistory: [] };
  const verdict = await services.policy.check(entry.password, entry.confirmation, owner);
  // The script speaks English, as its other messages do.
  const english = services.localization.for({ locale: SOURCE_LOCALE });
  return verdict.ok ? [] : verdict.failures.map((failure) => failure.message(english));
}

async function createAdmin(runtime: Runtime, identity: Identity, fromStdin: boolean): Promise<number> {
  const problems = await identityProblems(runtime, identity);
  if (problems.length > 0) {
    reportProblems('No administrator was created:', problems);
    return EXIT.failed;
  }
  const entry = await readNewPassword(fromStdin);
  const weaknesses = await passwordProblems(runtime, identity, entry);
  if (weaknesses.length > 0) {
    reportProblems('No administrator was created; the password was refused:', weaknesses);
    return EXIT.failed;
  }

  const { store, services, context } = runtime;
  const passwordHash = await services.hasher.hash(entry.password);
  const created = await store.users.create(
    { ...identity, userType: 'admin_staff', status: 'active', roles: ['admin'], passwordHash },
    services.clock(),
  );
  // Someone may have taken the name while the hash was being computed.
  if (!created.ok) {
    reportProblems('No administrator was created:', [alreadyExists(identity.username)]);
    return EXIT.failed;
  }
  const { id } = created.user;
  await services.audit(
    { action: 'admin.created_by_script', actorId: null, targetId: id, outcome: 'ok', channel: 'cli' },
    context,
  );
  console.log(`Created administrator ${identity.username} (id ${id})`);
  return EXIT.ok;
}

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args, OPTIONS);
  if (options.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const identity = {
    username: normalizeUsername(requireOption(options.username, '--username')),
    displayName: requireOption(options.name, '--name').trim(),
  };
  assertPasswordSource(options['password-stdin']);
  const config = loadConfig();
  return withRuntime(config, 'create-admin', (runtime) =>
    createAdmin(runtime, identity, options['password-stdin']),
  );
}

runScript(main, USAGE);
