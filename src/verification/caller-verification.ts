import type { RecordAudit } from '../audit/audit-log';
import type { RaiseSecurityAlert } from '../audit/security-alerts';
import { isEmailAddress } from '../auth/email';
import { isAccountEligible } from '../auth/eligibility';
import { hasPermission, holdsPermissionsOf } from '../auth/permissions';
import { isE164Phone } from '../auth/phone';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Localization } from '../i18n/localization';
import { renderVerificationCodeEmail, renderVerificationCodeSms } from '../mail/templates';
import type { MailQueue } from '../outbox/mail-queue';
import type { RequestContext } from '../request-context';
import { createCodeHmac, newSixDigitCode } from '../reset/secrets';
import type { IssueSecureAccountLink } from '../secure-account/secure-account-links';
import type { CallerVerification, CodeChannel, Store, User } from '../store';
import { DAY, HOUR, MINUTE } from '../time';
import type { VerificationRefusal } from './verification-messages';
import { verificationNeed, type VerificationNeed } from './verification-policy';

/** Three wrong codes end a verification; three in a row for one account also alert the admins. */
export const VERIFICATION_CODE_ATTEMPTS = 3;
const FAILURES_BEFORE_ALERT = 3;
export const IN_PERSON_NOTE_MAX_LENGTH = 500;

export interface CallerVerificationDeps {
  store: Pick<Store, 'verifications' | 'rateLimits'>;
  audit: RecordAudit;
  clock: Clock;
  mailQueue: MailQueue;
  /** The code goes out in the user's language and time zone, never the agent's. */
  localization: Localization;
  issueSecureAccountLink: IssueSecureAccountLink;
  raiseAlert: RaiseSecurityAlert;
  /** TOKEN_PEPPER: codes are stored as an HMAC under it, like reset codes. */
  pepper: string;
  config: { verification: Config['verification']; sms: Pick<Config['sms'], 'deliverable'> };
}

type Refused<E extends string> = { ok: false; error: E };

/** What an admin reset learnt from the verification step, recorded on its audit event. */
export type ResetVerification =
  { ok: true; verified: boolean; verificationId: string | null } | Refused<'verification_required'>;

export type SendResult =
  | { ok: true; verification: CallerVerification; to: string }
  | Refused<VerificationRefusal>
  | { ok: false; error: 'too_many_codes'; retryInMs: number };

export type ConfirmResult =
  | { ok: true; verification: CallerVerification }
  | Refused<'no_pending' | 'attempts_used_up'>
  | { ok: false; error: 'code_wrong'; attemptsLeft: number };

export type InPersonResult =
  { ok: true; verification: CallerVerification } | Refused<VerificationRefusal | 'note_required'>;

/** The code is bound to the agent and the account, so it confirms nothing else. */
const binding = (targetId: string, agentId: string) => `verification:${targetId}:${agentId}`;

/** Whether the target can receive a code on this channel at all (the address or phone on file). */
export function channelRefusal(
  channel: CodeChannel,
  target: Pick<User, 'username' | 'phone'>,
  smsDeliverable: boolean,
): VerificationRefusal | null {
  if (channel === 'email') return isEmailAddress(target.username) ? null : 'email_unavailable';
  return smsDeliverable && target.phone && isE164Phone(target.phone) ? null : 'sms_unavailable';
}

/**
 * The caller-verification step before an admin reset (HELPDESK_VERIFICATION): a code to the user's own
 * address or phone, read back by the caller, or an in-person check recorded with a note. A verified
 * caller counts for that agent and that account only, once, for VERIFICATION_TTL_MINUTES.
 */
export function createCallerVerification(deps: CallerVerificationDeps) {
  const { store, audit, clock, config } = deps;
  const codeHmac = createCodeHmac(deps.pepper);
  const ttlMs = config.verification.ttlMs;

  /** Who may verify whom: the same containment as the resets themselves, and only where one is possible. */
  function refusal(agent: User, target: User): VerificationRefusal | null {
    if (config.verification.mode === 'off') return 'turned_off';
    if (agent.id === target.id) return 'own_account';
    if (!holdsPermissionsOf(agent, target.roles)) return 'more_privileges';
    if (!isAccountEligible(target)) return 'account_ineligible';
    return null;
  }

  /** Counts one send against both limits; the wait until the fuller one lets another through. */
  async function sendLimitWait(agent: User, target: User, now: Date): Promise<number | null> {
    const [forTarget, forAgent] = await Promise.all([
      store.rateLimits.hit(`verify-send:target:${target.id}`, HOUR, now),
      store.rateLimits.hit(`verify-send:agent:${agent.id}`, HOUR, now),
    ]);
    const over = [
      forTarget.count > config.verification.sendsPerTargetHour ? forTarget.resetAt : null,
      forAgent.count > config.verification.sendsPerAgentHour ? forAgent.resetAt : null,
    ].filter((at): at is Date => at !== null);
    if (over.length === 0) return null;
    return Math.max(...over.map((at) => at.getTime())) - now.getTime();
  }

  async function queueCode(
    agent: User,
    target: User,
    channel: CodeChannel,
    code: string,
    { now, expiresAt }: { now: Date; expiresAt: Date },
  ) {
    const { link } = await deps.issueSecureAccountLink(target.id, 'verification');
    const input = {
      to: channel === 'email' ? target.username : target.phone!,
      displayName: target.displayName,
      agentName: agent.displayName,
      code,
      expiresAt,
      now,
      userId: target.id,
      secureAccountLink: link,
    };
    const recipient = deps.localization.for({ locale: target.locale, timeZone: target.timeZone });
    const message =
      channel === 'email'
        ? { channel, ...renderVerificationCodeEmail(input, recipient) }
        : { channel, ...renderVerificationCodeSms(input, recipient) };
    const outboxId = await deps.mailQueue.queue(message, { usefulUntil: expiresAt });
    return { outboxId, to: input.to };
  }

  /** Each wrong code counts toward the account's run of failures; every third one alerts the admins. */
  async function countFailure(agent: User, target: User, verificationId: string, now: Date) {
    const run = await store.rateLimits.hit(`verify-fail:${target.id}`, DAY, now);
    if (run.count % FAILURES_BEFORE_ALERT !== 0) return;
    await deps.raiseAlert({
      kind: 'verification_failures',
      targetId: target.id,
      actorId: agent.id,
      details: { failedInARow: run.count, verificationId },
    });
  }

  return {
    refusal,

    /** Sends a new code (voiding any earlier verification of the account) through the outbox. */
    async sendCode(
      agent: User,
      target: User,
      channel: CodeChannel,
      ticketRef: string | null,
      context: RequestContext,
    ): Promise<SendResult> {
      const refused = refusal(agent, target) ?? channelRefusal(channel, target, config.sms.deliverable);
      if (refused) return { ok: false, error: refused };
      const now = clock();
      const wait = await sendLimitWait(agent, target, now);
      if (wait !== null) return { ok: false, error: 'too_many_codes', retryInMs: wait };
      const code = newSixDigitCode();
      const codeExpiresAt = new Date(now.getTime() + ttlMs);
      // Queued before the record: a crash in between leaves a code that verifies nothing, never the reverse.
      const { outboxId, to } = await queueCode(agent, target, channel, code, {
        now,
        expiresAt: codeExpiresAt,
      });
      const verification = await store.verifications.create(
        {
          targetId: target.id,
          agentId: agent.id,
          channel,
          codeHash: codeHmac.hash(code, binding(target.id, agent.id)),
          ticketRef,
          outboxId,
          codeExpiresAt,
          maxAttempts: VERIFICATION_CODE_ATTEMPTS,
        },
        now,
      );
      await audit(
        {
          action: 'verification.sent',
          actorId: agent.id,
          targetId: target.id,
          outcome: 'sent',
          channel,
          details: { verificationId: verification.id, outboxId, ticketRef },
        },
        context,
      );
      return { ok: true, verification, to };
    },

    /** The code the caller read back; `code` is already six digits (the route checks the form). */
    async confirmCode(
      agent: User,
      target: User,
      code: string,
      context: RequestContext,
    ): Promise<ConfirmResult> {
      const now = clock();
      const pending = await store.verifications.findPending(target.id, agent.id, now);
      if (!pending?.codeHash) return { ok: false, error: 'no_pending' };
      if (codeHmac.matches(code, binding(target.id, agent.id), pending.codeHash)) {
        const verified = await store.verifications.confirm(pending.id, now, new Date(now.getTime() + ttlMs));
        if (!verified) return { ok: false, error: 'no_pending' };
        await store.rateLimits.reset(`verify-fail:${target.id}`);
        await audit(
          {
            action: 'verification.succeeded',
            actorId: agent.id,
            targetId: target.id,
            outcome: 'ok',
            channel: verified.channel,
            details: { verificationId: verified.id, ticketRef: verified.ticketRef },
          },
          context,
        );
        return { ok: true, verification: verified };
      }
      const attemptsLeft = await store.verifications.recordFailedAttempt(pending.id, now);
      if (attemptsLeft === null) return { ok: false, error: 'no_pending' };
      await audit(
        {
          action: 'verification.failed',
          actorId: agent.id,
          targetId: target.id,
          outcome: attemptsLeft > 0 ? 'code_incorrect' : 'attempts_used_up',
          channel: pending.channel,
          details: { verificationId: pending.id, attemptsLeft, ticketRef: pending.ticketRef },
        },
        context,
      );
      await countFailure(agent, target, pending.id, now);
      return attemptsLeft > 0
        ? { ok: false, error: 'code_wrong', attemptsLeft }
        : { ok: false, error: 'attempts_used_up' };
    },

    /** "Verified in person", with what was checked: audited with the note and announced to the admins. */
    async recordInPerson(
      agent: User,
      target: User,
      note: string,
      ticketRef: string | null,
      context: RequestContext,
    ): Promise<InPersonResult> {
      const refused = refusal(agent, target);
      if (refused) return { ok: false, error: refused };
      if (!hasPermission(agent, 'users:verify-in-person'))
        return { ok: false, error: 'in_person_not_allowed' };
      if (note === '') return { ok: false, error: 'note_required' };
      const now = clock();
      const verification = await store.verifications.createInPerson(
        {
          targetId: target.id,
          agentId: agent.id,
          note,
          ticketRef,
          validUntil: new Date(now.getTime() + ttlMs),
        },
        now,
      );
      await audit(
        {
          action: 'verification.in_person',
          actorId: agent.id,
          targetId: target.id,
          outcome: 'ok',
          channel: 'in_person',
          details: { verificationId: verification.id, note, ticketRef },
        },
        context,
      );
      await deps.raiseAlert({
        kind: 'in_person_verification',
        targetId: target.id,
        actorId: agent.id,
        details: { note, ticketRef },
      });
      return { ok: true, verification };
    },

    /** The agent's own verification of this account: a confirmed one, else one waiting for its code. */
    async currentFor(agent: User, target: User) {
      const now = clock();
      const valid = await store.verifications.findValid(target.id, agent.id, now);
      const pending = valid ? null : await store.verifications.findPending(target.id, agent.id, now);
      return { valid, pending };
    },

    /** What an action needs of this agent and account under HELPDESK_VERIFICATION. */
    needFor(handsOverSecret: boolean, target: User): VerificationNeed {
      return verificationNeed(config.verification.mode, handsOverSecret, target);
    },

    /**
     * Called by an admin reset after every other check passed, right before it writes: a method that
     * hands over a secret spends the agent's verification (single use); one that needs it and finds
     * none is refused. Other methods only record whether the caller was verified.
     */
    async useForReset(agent: User, target: User, handsOverSecret: boolean): Promise<ResetVerification> {
      const need = verificationNeed(config.verification.mode, handsOverSecret, target);
      if (config.verification.mode === 'off') return { ok: true, verified: false, verificationId: null };
      const now = clock();
      const valid = await store.verifications.findValid(target.id, agent.id, now);
      const spent =
        valid && handsOverSecret ? await store.verifications.spend(valid.id, now) : Boolean(valid);
      if (!spent && need === 'required') return { ok: false, error: 'verification_required' };
      return { ok: true, verified: spent, verificationId: spent ? valid!.id : null };
    },
  };
}

export type CallerVerificationService = ReturnType<typeof createCallerVerification>;

/** Minutes to wait, rounded up, for a message. */
export function minutesToWait(ms: number): number {
  return Math.max(1, Math.ceil(ms / MINUTE));
}
