import type { RecordAudit, RequestContext } from '../audit/audit-log';
import type { PasswordChangedNotifier } from '../auth/change-password';
import type { PasswordHasher } from '../auth/password-hashing';
import type { PasswordFailure, PasswordPolicy } from '../auth/password-policy';
import { normalizeUsername } from '../auth/username';
import type { Clock } from '../clock';
import type { ResetRequest, Store, User, UserType } from '../store';
import type { ResetSecrets } from './secrets';

const HOUR = 60 * 60_000;

/**
 * How long a completion holds its request between claiming it and writing the password: far longer
 * than hashing and one write take, short enough that a crash in between leaves the link usable soon.
 */
export const CLAIM_LEASE_MS = 60_000;

export interface CompleteResetInput {
  /** From the session when the user followed the link; otherwise the typed username is used. */
  tokenHash: string | null;
  username: string;
  code: string;
  password: string;
  confirmPassword: string;
}

export type CompleteResetResult =
  | { ok: true; userType: UserType }
  | { ok: false; error: 'request_invalid' | 'too_many_attempts' }
  | { ok: false; error: 'code_incorrect'; attemptsLeft: number }
  | { ok: false; error: 'password_rejected'; failures: PasswordFailure[] };

export interface CompleteResetDeps {
  store: Store;
  secrets: ResetSecrets;
  hasher: PasswordHasher;
  policy: PasswordPolicy;
  audit: RecordAudit;
  clock: Clock;
  historySize: number;
  failuresPerAccountHour: number;
  notifyPasswordChanged: PasswordChangedNotifier;
  /** Test hook (refused in production): runs between claiming the request and writing the password. */
  beforePasswordWrite?: (() => Promise<void>) | undefined;
}

export function createCompleteReset(deps: CompleteResetDeps) {
  const { store, audit } = deps;

  async function findRequest(
    input: CompleteResetInput,
    now: Date,
  ): Promise<{ request: ResetRequest; user: User } | null> {
    const request = input.tokenHash
      ? await store.resetRequests.findOpenByTokenHash(input.tokenHash, now)
      : await findOpenByUsername(input.username, now);
    const user = request && (await store.users.findById(request.userId));
    return request && user && (user.status === 'active' || user.status === 'pending')
      ? { request, user }
      : null;
  }

  async function findOpenByUsername(username: string, now: Date): Promise<ResetRequest | null> {
    const user = await store.users.findByUsername(normalizeUsername(username));
    return user ? store.resetRequests.findOpenByUser(user.id, now) : null;
  }

  /** Failures also count per account across requests, so asking for new codes buys no extra guesses. */
  async function rejectCode(
    request: ResetRequest,
    now: Date,
    context: RequestContext,
  ): Promise<CompleteResetResult> {
    await store.rateLimits.hit(`reset-fail:${request.userId}`, HOUR, now);
    const attemptsLeft = await store.resetRequests.recordFailedAttempt(request.id, now);
    const base = { actorId: null, targetId: request.userId, channel: 'email' };
    await audit(
      { ...base, action: 'reset.code_failed', outcome: 'code_incorrect', details: { attemptsLeft } },
      context,
    );
    if (attemptsLeft === null) return { ok: false, error: 'request_invalid' };
    if (attemptsLeft > 0) return { ok: false, error: 'code_incorrect', attemptsLeft };
    await audit({ ...base, action: 'reset.request_killed', outcome: 'too_many_attempts' }, context);
    return { ok: false, error: 'too_many_attempts' };
  }

  async function finish(user: User, request: ResetRequest, password: string, context: RequestContext) {
    await deps.beforePasswordWrite?.();
    const hash = await deps.hasher.hash(password);
    const now = deps.clock();
    const change = {
      hash,
      historySize: deps.historySize,
      mustChangePassword: false,
      passwordExpiresAt: null,
    };
    const updated = await store.users.changePassword(user.id, { ...change, revokeSessions: true }, now);
    if (!updated) throw new Error('user vanished during reset');
    // Before voiding the rest: voiding ignores claims, so it would otherwise void this request too.
    await store.resetRequests.markConsumed(request.id, now);
    if (updated.status === 'pending') await store.users.setStatus(user.id, 'active', now);
    await store.resetRequests.voidAllForUser(user.id, now);
    const revoked = await store.sessions.deleteByUser(user.id);
    await store.rateLimits.reset(`reset-fail:${user.id}`);
    const base = { actorId: null, targetId: user.id, channel: 'email' };
    await audit(
      { ...base, action: 'reset.completed', outcome: 'ok', details: { purpose: request.purpose } },
      context,
    );
    await audit(
      { ...base, action: 'sessions.revoked', outcome: 'ok', details: { revoked, scope: 'all' } },
      context,
    );
    await deps.notifyPasswordChanged(updated, context);
  }

  return async function completeReset(
    input: CompleteResetInput,
    context: RequestContext,
  ): Promise<CompleteResetResult> {
    const now = deps.clock();
    const found = await findRequest(input, now);
    if (!found) return { ok: false, error: 'request_invalid' };
    const { request, user } = found;
    if ((await store.rateLimits.count(`reset-fail:${user.id}`, now)) >= deps.failuresPerAccountHour) {
      return { ok: false, error: 'too_many_attempts' };
    }
    if (!deps.secrets.codeMatches(input.code.replace(/\s/g, ''), request))
      return rejectCode(request, now, context);
    const verdict = await deps.policy.check(input.password, input.confirmPassword, user);
    if (!verdict.ok) return { ok: false, error: 'password_rejected', failures: verdict.failures };
    // Claimed before the hash is written, so of concurrent submits exactly one changes the password;
    // a lease rather than a final mark, so a crash before the write leaves the link usable again.
    const claimedAt = deps.clock();
    const leaseUntil = new Date(claimedAt.getTime() + CLAIM_LEASE_MS);
    if (!(await store.resetRequests.claim(request.id, claimedAt, leaseUntil))) {
      return { ok: false, error: 'request_invalid' };
    }
    await finish(user, request, input.password, context);
    return { ok: true, userType: user.userType };
  };
}

export type CompleteReset = ReturnType<typeof createCompleteReset>;
