import type { RecordAudit } from '../audit/audit-log';
import type { RequestContext } from '../request-context';
import type { Clock } from '../clock';
import type { Store, User } from '../store';
import { isEmailAddress } from './email';
import type { PasswordHasher } from './password-hashing';
import { passwordFieldErrors, type PasswordPolicy } from './password-policy';
import { setupTokenMatches } from './setup-token';
import { normalizeUsername } from '../shared/username';

export interface FirstAdminInput {
  setupToken: string;
  username: string;
  displayName: string;
  password: string;
  confirmPassword: string;
}

export type FieldErrors = Partial<
  Record<'setupToken' | 'username' | 'displayName' | 'confirmPassword', string>
> & {
  password?: string[];
};

export type FirstAdminResult =
  { ok: true; user: User } | { ok: false; errors: FieldErrors } | { ok: false; closed: true };

export interface FirstAdminDeps {
  store: Store;
  hasher: PasswordHasher;
  policy: PasswordPolicy;
  audit: RecordAudit;
  clock: Clock;
}

export function createFirstAdminSetup(deps: FirstAdminDeps, setupToken: string | null) {
  let busy = false;

  async function validate(input: FirstAdminInput, username: string): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    if (!setupToken || !setupTokenMatches(setupToken, input.setupToken)) {
      errors.setupToken =
        'That setup token is not correct. Copy it from data/setup-token or the start-up output.';
    }
    if (!isEmailAddress(username)) errors.username = 'Enter an email address, like name@example.org.';
    if (!input.displayName.trim()) errors.displayName = 'Enter your name.';
    const owner = { username, displayName: input.displayName, passwordHash: null, passwordHistory: [] };
    const verdict = await deps.policy.check(input.password, input.confirmPassword, owner);
    return verdict.ok ? errors : { ...errors, ...passwordFieldErrors(verdict.failures) };
  }

  return async function createFirstAdmin(
    input: FirstAdminInput,
    context: RequestContext,
  ): Promise<FirstAdminResult> {
    if (busy || (await deps.store.users.count()) > 0) return { ok: false, closed: true };
    const username = normalizeUsername(input.username);
    const errors = await validate(input, username);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    // One setup at a time in this process; the count is re-read after the slow hashing.
    busy = true;
    try {
      const passwordHash = await deps.hasher.hash(input.password);
      if ((await deps.store.users.count()) > 0) return { ok: false, closed: true };
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
      if (!created.ok) return { ok: false, closed: true };
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
