import { loadConfig } from '../src/config';
import type { NewUser } from '../src/store';
import { EXIT, parseOptions, runScript, ScriptError } from './lib/cli';
import { generateDemoPassword } from './lib/demo-password';
import { DEMO_USERS, needsPassword } from './lib/demo-users';
import { readLineFromStdin } from './lib/password-input';
import { withRuntime, type Runtime } from './lib/runtime';

const USAGE = `Usage: npm run seed-demo [-- --password-stdin] [-- --force]

DEVELOPMENT TOOL. Adds demo accounts (an admin, a help-desk agent, users of every type and status)
to the configured store. Accounts that already exist are left alone, so it is safe to run again.
Every seeded account that has a password gets the same one, printed once at the end: never use this
on real data. Pending accounts get no password (their invitation sets it).

  --password-stdin   take the shared demo password from the first line of stdin
                     instead of generating a random one
  --force            run even when NODE_ENV=production (you almost certainly do not want this)
  -h, --help         show this text

Exit codes: 0 done, 1 refused (production, weak password), 2 usage error.`;

const OPTIONS = {
  'password-stdin': { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type DemoUser = (typeof DEMO_USERS)[number];

interface DemoPassword {
  value: string;
  generated: boolean;
}

async function chooseDemoPassword({ services }: Runtime, fromStdin: boolean): Promise<DemoPassword> {
  const given = fromStdin ? await readLineFromStdin() : null;
  if (fromStdin && given === null) throw new ScriptError('--password-stdin was given but stdin was empty.');
  const value = given ?? generateDemoPassword();
  const owner = {
    username: 'demo@example.org',
    displayName: 'Demo',
    passwordHash: null,
    passwordHistory: [],
  };
  const verdict = await services.policy.check(value, value, owner);
  if (!verdict.ok) {
    const problems = verdict.failures.map((failure) => `  - ${failure.message}`);
    throw new ScriptError(['The demo password was refused; nothing was created:', ...problems].join('\n'));
  }
  return { value, generated: given === null };
}

/** Returns null when the username was taken meanwhile (another seed run, say): that is a skip. */
async function createDemoUser(runtime: Runtime, user: DemoUser, password: DemoPassword | null) {
  const { store, services, context } = runtime;
  const passwordHash = password && needsPassword(user) ? await services.hasher.hash(password.value) : null;
  const created = await store.users.create({ ...user, passwordHash } satisfies NewUser, services.clock());
  if (!created.ok) return null;
  const targetId = created.user.id;
  await services.audit(
    { action: 'user.created_by_script', actorId: null, targetId, outcome: 'ok', channel: 'cli' },
    context,
  );
  return created.user;
}

function describeDemoUser(user: DemoUser): string {
  const extras = [user.userType, user.status, user.roles.join('+')];
  if (!needsPassword(user)) extras.push('no password');
  return `${user.username} (${extras.join(', ')})`;
}

async function seed(runtime: Runtime, fromStdin: boolean): Promise<number> {
  const exists = await Promise.all(
    DEMO_USERS.map((user) => runtime.store.users.findByUsername(user.username)),
  );
  const missing = DEMO_USERS.filter((_user, index) => !exists[index]);
  const password = missing.some(needsPassword) ? await chooseDemoPassword(runtime, fromStdin) : null;
  let createdCount = 0;
  for (const user of DEMO_USERS) {
    const created = missing.includes(user) && (await createDemoUser(runtime, user, password));
    console.log(
      created ? `created  ${describeDemoUser(user)}` : `skipped  ${user.username} (already exists)`,
    );
    if (created) createdCount++;
  }
  console.log(`\nCreated ${createdCount}, skipped ${DEMO_USERS.length - createdCount}.`);
  if (createdCount > 0 && password?.generated) {
    console.log(`Demo password for all seeded accounts: ${password.value}`);
  } else if (createdCount > 0 && password) {
    console.log('Seeded accounts use the password given on stdin.');
  }
  return EXIT.ok;
}

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args, OPTIONS);
  if (options.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const config = loadConfig();
  if (config.production && !options.force) {
    throw new ScriptError(
      'Refusing to seed demo accounts in production (NODE_ENV=production): they share a printed password. ' +
        'Pass --force if you really mean it.',
    );
  }
  return withRuntime(config, 'seed-demo', (runtime) => seed(runtime, options['password-stdin']));
}

runScript(main, USAGE);
