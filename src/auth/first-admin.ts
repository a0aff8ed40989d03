import type { RecordAudit } from '../audit/audit-log';
import type { RequestContext } from '../request-context';
import type { Clock } from '../clock';
import type { Store, User } from '../store';
import { isEmailAddress } from './email';
import type { PasswordHasher } from './password-hashing';
import type { PasswordFailure, PasswordPolicy } from './password-policy';
import { setupTokenMatches } from './setup-token';
import { normalizeUsername } from '../shared/username';

export interface FirstAdminInput {
  setupToken: string;
  username: string;
  displayName: string;
  password: string;
  confirmPassword: string;
}

type SetupFieldError = 'setup_token_incorrect' | 'username_not_email' | 'display_name_missing';

/** What is wrong with each field other than the passwords, by code. */
type SetupFieldErrors = Partial<Record<'setupToken' | 'username' | 'displayName', SetupFieldError>>;

export type FirstAdminResult =
  | { ok: true; user: User }
  | { ok: false; error: 'invalid'; fields: SetupFieldErrors; failures: PasswordFailure[] }
  /** A user exists (or is being created by another submit): setup is over. */
  | { ok: false; error: 'setup_closed' };

const CLOSED = Object.freeze({ ok: false, error: 'setup_closed' } as const);

export interface FirstAdminDeps {
  store: Store;
  hasher: PasswordHasher;
  policy: PasswordPolicy;
  audit: RecordAudit;
  clock: Clock;
}

export function createFirstAdminSetup(deps: FirstAdminDeps, setupToken: string | null) {
  let busy = false;

  async function validate(input: FirstAdminInput, username: string, context: RequestContext) {
    const fields: SetupFieldErrors = {};
    if (!setupToken || !setupTokenMatches(setupToken, input.setupToken)) {
      fields.setupToken = 'setup_token_incorrect';
    }
    if (!isEmailAddress(username)) fields.username = 'username_not_email';
    if (!input.displayName.trim()) fields.displayName = 'display_name_missing';
    const owner = { username, displayName: input.displayName, passwordHash: null, passwordHistory: [] };
    const verdict = await deps.policy.check(input.password, input.confirmPassword, owner, context.locale);
    return { fields, failures: verdict.ok ? [] : verdict.failures };
  }

  return async function createFirstAdmin(
    input: FirstAdminInput,
    context: RequestContext,
  ): Promise<FirstAdminResult> {
    if (busy || (await deps.store.users.count()) > 0) return CLOSED;
    const username = normalizeUsername(input.username);
    const { fields, failures } = await validate(input, username, context);
    if (Object.keys(fields).length > 0 || failures.length > 0) {
      return { ok: false, error: 'invalid', fields, failures };
    }
    // One setup at a time in this process; the count is re-read after the slow hashing.
    busy = true;
    try {
      const passwordHash = await deps.hasher.hash(input.password);
      if ((await deps.store.users.count()) > 0) return CLOSED;
      const created = await deps.store.users.create(
        {
          username,
          displayName: input.displayName.trim(),
          userType: 'admin_staff',
          status: 'active',
          roles: ['admin'],
          passwordHash,
        },
        deps.clock(),
      );
      if (!created.ok) return CLOSED;
      await deps.audit(
        { action: 'setup.completed', actorId: created.user.id, targetId: created.user.id, outcome: 'ok' },
        context,
      );
      return created;
    } finally {
      busy = false;
    }
  };
}

export type CreateFirstAdmin = ReturnType<typeof createFirstAdminSetup>;

export function isSetupOpen(store: Pick<Store, 'users'>): Promise<boolean> {
  return store.users.count().then((count) => count === 0);
}
