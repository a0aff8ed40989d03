import type { RecordAudit } from '../audit/audit-log';
import { isAccountEligible } from '../auth/eligibility';
import type { RequestContext } from '../request-context';
import type { PasswordFailure, PasswordPolicy } from '../auth/password-policy';
import type { ReplacePassword } from '../auth/replace-password';
import { normalizeUsername } from '../shared/username';
import type { Clock } from '../clock';
import type { OpenCode, ResetRequest, Store, User, UserType } from '../store';
import { HOUR, MINUTE } from '../time';
import type { ResetSecrets } from './secrets';

/**
 * How long a completion holds its request between claiming it and writing the password: far longer
 * than hashing and one write take, short enough that a crash in between leaves the link usable soon.
 */
export const CLAIM_LEASE_MS = MINUTE;

/** Stands in for a missing request, so a name without one costs the same HMAC and update as any other. */
const NO_REQUEST = { id: '', tokenHash: '', codeHash: '0'.repeat(64) };

export interface CompleteResetInput {
  /** From the session when the user followed the link; otherwise the typed username is used. */
  tokenHash: string | null;
  username: string;
  /** Six digits (the route refuses any other shape before anything is counted). */
  code: string;
  password: string;
  confirmPassword: string;
}

export type CompleteResetResult =
  | { ok: true; userType: UserType }
  | { ok: false; error: 'request_invalid' | 'too_many_attempts' }
  | { ok: false; error: 'code_incorrect'; attemptsLeft: number }
  /** Username + code: one answer for every failure, whatever the account. */
  | { ok: false; error: 'code_not_accepted' }
  | { ok: false; error: 'password_rejected'; failures: PasswordFailure[] };

const NOT_ACCEPTED = Object.freeze({ ok: false, error: 'code_not_accepted' } as const);

export interface CompleteResetDeps {
  store: Store;
  secrets: ResetSecrets;
  policy: PasswordPolicy;
  audit: RecordAudit;
  clock: Clock;
  failuresPerAccountHour: number;
  replacePassword: ReplacePassword;
  /** Test hook (refused in production): runs between claiming the request and writing the password. */
  beforePasswordWrite?: (() => Promise<void>) | undefined;
}

interface FailedCode {
  /** Failures count under this key: the account's id, or the stand-in id of a name that gets no mail. */
  accountKey: string;
  targetId: string;
  request: OpenCode | null;
  outcome: string;
}

export function createCompleteReset(deps: CompleteResetDeps) {
  const { store, audit } = deps;

  async function isOverFailureCap(accountKey: string, now: Date): Promise<boolean> {
    return (await store.rateLimits.count(`reset-fail:${accountKey}`, now)) >= deps.failuresPerAccountHour;
  }

  /** Failures also count per account across requests, so asking for new codes buys no extra guesses. */
  async function recordFailure(failed: FailedCode, now: Date, context: RequestContext) {
    await store.rateLimits.hit(`reset-fail:${failed.accountKey}`, HOUR, now);
    const attemptsLeft = await store.resetRequests.recordFailedAttempt(
      (failed.request ?? NO_REQUEST).id,
      now,
    );
    const base = { actorId: null, targetId: failed.targetId, channel: 'email' };
    const details = { attemptsLeft };
    await audit({ ...base, action: 'reset.code_failed', outcome: failed.outcome, details }, context);
    if (attemptsLeft === 0) {
      await audit({ ...base, action: 'reset.request_killed', outcome: 'too_many_attempts' }, context);
    }
    return attemptsLeft;
  }

  /** Runs once the request is claimed: the write marks it consumed, and every session of the user ends. */
  async function finish(user: User, request: ResetRequest, password: string, context: RequestContext) {
    await deps.beforePasswordWrite?.();
    await deps.replacePassword(
      {
        user,
        password,
        reason: request.purpose,
        actorId: null,
        temporary: false,
        endSessions: 'all',
        consumesRequestId: request.id,
      },
      context,
    );
    await store.rateLimits.reset(`reset-fail:${user.id}`);
    await audit(
      {
        action: 'reset.completed',
        actorId: null,
        targetId: user.id,
        outcome: 'ok',
        channel: 'email',
        details: { purpose: request.purpose },
      },
      context,
    );
  }

  /** The code was right: the password policy, then a claim, then the write. */
  async function changePassword(
    input: CompleteResetInput,
    user: User,
    request: ResetRequest,
    context: RequestContext,
  ): Promise<CompleteResetResult> {
    const verdict = await deps.policy.check(input.password, input.confirmPassword, user, context.locale);
    if (!verdict.ok) return { ok: false, error: 'password_rejected', failures: verdict.failures };
    // Claimed before the hash is written, so of concurrent submits exactly one changes the password;
    // a lease rather than a final mark, so a crash before the write leaves the link usable again.
    const now = deps.clock();
    const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
    if (!(await store.resetRequests.claim(request.id, now, leaseUntil))) {
      return { ok: false, error: 'request_invalid' };
    }
    await finish(user, request, input.password, context);
    return { ok: true, userType: user.userType };
  }

  /** The link proves access to the mailbox, so its answers may say how many attempts are left. */
  async function completeByLink(
    input: CompleteResetInput,
    tokenHash: string,
    now: Date,
    context: RequestContext,
  ): Promise<CompleteResetResult> {
    const request = await store.resetRequests.findOpenByTokenHash(tokenHash, now);
    const user = request && (await store.users.findById(request.userId));
    if (!request || !user || !isAccountEligible(user)) return { ok: false, error: 'request_invalid' };
    if (await isOverFailureCap(user.id, now)) return { ok: false, error: 'too_many_attempts' };
    if (deps.secrets.codeMatches(input.code, request)) return changePassword(input, user, request, context);
    const failed = { accountKey: user.id, targetId: user.id, request, outcome: 'code_incorrect' };
    const attemptsLeft = await recordFailure(failed, now, context);
    if (attemptsLeft === null) return { ok: false, error: 'request_invalid' };
    if (attemptsLeft > 0) return { ok: false, error: 'code_incorrect', attemptsLeft };
    return { ok: false, error: 'too_many_attempts' };
  }

  /**
   * A typed username proves nothing, so every failure gets one answer after the same work: one
   * status lookup, one request query, one HMAC, a failure counted and audited. Names that get no mail
   * (unknown, suspended, deleted) count and audit under their stand-in id (the one their /forgot
   * audit events carry). The whole user and request are loaded only once the code is right.
   */
  async function completeByUsername(
    input: CompleteResetInput,
    now: Date,
    context: RequestContext,
  ): Promise<CompleteResetResult> {
    const normalized = normalizeUsername(input.username);
    const account = await store.users.findStatusByUsername(normalized);
    const standInId = deps.secrets.standInUserId(normalized);
    const eligibleId = account && isAccountEligible(account) ? account.id : null;
    const accountKey = eligibleId ?? standInId;
    const code = await store.resetRequests.findOpenCodeByUser(accountKey, now);
    const capped = await isOverFailureCap(accountKey, now);
    const matches = deps.secrets.codeMatches(input.code, code ?? NO_REQUEST);
    const accepted = eligibleId && code && matches && !capped;
    const request = accepted ? await store.resetRequests.findOpenByTokenHash(code.tokenHash, now) : null;
    const user = request ? await store.users.findById(request.userId) : null;
    if (user && request && isAccountEligible(user)) {
      const result = await changePassword(input, user, request, context);
      // Only a lost race ends here without success: the code was right, but the answer stays the same.
      return result.ok || result.error === 'password_rejected' ? result : NOT_ACCEPTED;
    }
    const outcome = describeFailure(account, eligibleId, code, capped);
    await recordFailure(
      { accountKey, targetId: account?.id ?? standInId, request: code, outcome },
      now,
      context,
    );
    return NOT_ACCEPTED;
  }

  return async function completeReset(
    input: CompleteResetInput,
    context: RequestContext,
  ): Promise<CompleteResetResult> {
    const now = deps.clock();
    return input.tokenHash
      ? completeByLink(input, input.tokenHash, now, context)
      : completeByUsername(input, now, context);
  };
}

/** For the audit log only: the answer is the same whichever it is. */
function describeFailure(
  account: Pick<User, 'id'> | null,
  eligibleId: string | null,
  request: OpenCode | null,
  capped: boolean,
): string {
  if (!account) return 'unknown';
  if (!eligibleId) return 'ineligible';
  if (!request) return 'request_invalid';
  return capped ? 'too_many_attempts' : 'code_incorrect';
}

export type CompleteReset = ReturnType<typeof createCompleteReset>;
