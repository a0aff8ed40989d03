import type { RecordAudit } from '../audit/audit-log';
import type { RequestContext } from '../request-context';
import type { Clock } from '../clock';
import type { ResetIssueOptions } from '../reset/reset-issuer';
import type { Store, User } from '../store';
import type { NewUserFields } from './user-form';

type IssueReset = (
  user: User,
  options: ResetIssueOptions,
  context: RequestContext,
) => Promise<{ requestId: string; outboxId: string }>;

export interface CreateUserDeps {
  store: Store;
  audit: RecordAudit;
  clock: Clock;
  issueReset: IssueReset;
  inviteTtlMs: number;
}

export type CreateUserResult =
  { ok: true; user: User; invited: boolean } | { ok: false; error: 'username_taken' };

/**
 * An admin creates an account: Pending, without a password. The invitation is the reset machinery's link
 * + code with a longer lifetime; setting the first password through it makes the account Active.
 */
export function createUserCreator(deps: CreateUserDeps) {
  return async function createUserAccount(
    fields: NewUserFields,
    options: { admin: User; sendInvite: boolean },
    context: RequestContext,
  ): Promise<CreateUserResult> {
    const { role, ...profile } = fields;
    const created = await deps.store.users.create(
      { ...profile, roles: [role], status: 'pending', passwordHash: null },
      deps.clock(),
    );
    if (!created.ok) return created;
    const { user } = created;
    const base = { actorId: options.admin.id, targetId: user.id };
    const details = { userType: user.userType, role, invite: options.sendInvite };
    await deps.audit({ ...base, action: 'user.created', outcome: 'ok', details }, context);
    if (!options.sendInvite) return { ok: true, user, invited: false };
    const invite = { purpose: 'invite' as const, ttlMs: deps.inviteTtlMs, requestedBy: options.admin.id };
    const { outboxId } = await deps.issueReset(user, invite, context);
    await deps.audit(
      { ...base, action: 'invite.sent', outcome: 'queued', channel: 'email', details: { outboxId } },
      context,
    );
    return { ok: true, user, invited: true };
  };
}

export type CreateUserAccount = ReturnType<typeof createUserCreator>;
