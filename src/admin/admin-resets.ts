import type { RecordAudit } from '../audit/audit-log';
import type { RaiseSecurityAlert } from '../audit/security-alerts';
import { holdsAnyPermission } from '../auth/permissions';
import type { RequestContext } from '../request-context';
import { isEmailAddress } from '../auth/email';
import { isE164Phone } from '../auth/phone';
import type { PasswordPolicy } from '../auth/password-policy';
import type { ReplacePassword } from '../auth/replace-password';
import type { PasswordRulesConfig } from '../shared/password-rules';
import { revokeUserSessions } from '../auth/revoke-sessions';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Localization } from '../i18n/localization';
import type { MailQueue } from '../outbox/mail-queue';
import { renderTemporaryPasswordEmail, renderTemporaryPasswordSms } from '../mail/templates';
import type { ResetIssuer } from '../reset/reset-issuer';
import type { Store, User } from '../store';
import type { CallerVerificationService, ResetVerification } from '../verification/caller-verification';
import { actionRefusal, handsOverSecret, type ActionRefusal, type AdminAction } from './admin-menu';
import { generatePassword } from './generated-password';
import { oneClickPasswordFor } from './temporary-password';

export interface AdminResetsDeps {
  store: Store;
  policy: PasswordPolicy;
  audit: RecordAudit;
  clock: Clock;
  mailQueue: MailQueue;
  /** Temporary passwords go out in the user's language and time zone, never the admin's. */
  localization: Localization;
  issuer: ResetIssuer;
  replacePassword: ReplacePassword;
  /** Told when a privileged account's password or sessions are changed by someone else. */
  raiseAlert: RaiseSecurityAlert;
  /** HELPDESK_VERIFICATION: spends the agent's caller verification, or refuses without one. */
  callerVerification: Pick<CallerVerificationService, 'useForReset'>;
  config: Pick<Config, 'admin' | 'sms' | 'appUrl' | 'reset' | 'verification'> & {
    passwordRules: PasswordRulesConfig;
  };
}

/** Why an admin method was refused before anything was written, by code (see admin-messages.ts). */
type AdminRefusal = ActionRefusal | 'username_not_email' | 'phone_invalid' | 'verification_required';

export interface Refusal {
  ok: false;
  error: AdminRefusal;
}

/** Every admin reset carries the help-desk ticket it was done under, already checked (ticket-ref.ts). */
export interface TicketOption {
  /** Stored on the reset's audit event (details.ticketRef); null when none was given. */
  ticketRef: string | null;
}

export interface SessionsOption extends TicketOption {
  /** Also end every session the user has (the old password's sessions). */
  logoutSessions: boolean;
}

/** A one-click password just set, kept (sealed, minutes) until the admin confirms or closes its dialog. */
export interface OneClickHandover {
  password: string;
  passwordExpiresAt: Date;
  ticketRef: string | null;
}

/** The success dialog's two toggles. */
export interface HandoverChoice {
  /** Email the new password to the username address. */
  sendEmail: boolean;
  /** End every session the user has (the old password's sessions). */
  logoutSessions: boolean;
}

export interface TypedPasswordInput extends SessionsOption {
  password: string;
  confirmPassword: string;
  mustChangePassword: boolean;
}

/** "Send reset link" to a pending account that never had a password sends its invitation instead. */
export function sendsInvitation(user: User): boolean {
  return user.status === 'pending' && user.passwordHash === null;
}

/** The options every password write records, without the rest of the form (never the password). */
function recordedOptions({ logoutSessions, ticketRef }: SessionsOption): SessionsOption {
  return { logoutSessions, ticketRef };
}

/** Whether the caller was verified, as every admin reset's audit event and result records it. */
export interface CallerCheck {
  verified: boolean;
  verificationId: string | null;
}

type Verified = Extract<ResetVerification, { ok: true }>;

function callerCheck({ verified, verificationId }: Verified): CallerCheck {
  return { verified, verificationId };
}

/** Admin-triggered resets (SPEC §2.3). Each re-checks eligibility, writes only once every check passed, and audits the admin as actor. */
export function createAdminResets(deps: AdminResetsDeps) {
  const { store, audit, clock, config } = deps;

  /**
   * A help-desk or admin account (any permission) changed by someone else: every admin is told. A reset
   * link is not one: the password stays until the account's own mailbox uses it.
   */
  async function alertIfPrivileged(
    kind: 'privileged_reset' | 'privileged_sessions_ended',
    actor: User,
    target: User,
    details: Record<string, string | number | boolean | null>,
  ) {
    if (actor.id === target.id || !holdsAnyPermission(target)) return;
    await deps.raiseAlert({ kind, targetId: target.id, actorId: actor.id, details });
  }

  function refusal(action: AdminAction, actor: User | null, target: User): Refusal | null {
    const error = actionRefusal(action, actor, target, config);
    return error ? { ok: false, error } : null;
  }

  /**
   * The last check before a write: spends the caller verification a secret-handing method needs. The
   * operator's command line (no actor) verifies no caller.
   */
  function verifyCaller(action: AdminAction, actor: User | null, target: User): Promise<ResetVerification> {
    if (!actor) return Promise.resolve({ ok: true, verified: false, verificationId: null });
    return deps.callerVerification.useForReset(actor, target, handsOverSecret(action));
  }

  /** The shared password write, with the admin as actor; sessions end only when the admin asked. */
  async function replacePasswordAsAdmin(
    admin: User,
    target: User,
    password: string,
    change: {
      method: AdminAction;
      mustChangePassword: boolean;
      logoutSessions: boolean;
      ticketRef: string | null;
      caller: CallerCheck;
    },
    context: RequestContext,
  ) {
    const replaced = await deps.replacePassword(
      {
        user: target,
        password,
        reason: 'set_by_admin',
        actorId: admin.id,
        temporary: change.mustChangePassword,
        endSessions: change.logoutSessions ? 'all' : 'none',
      },
      context,
    );
    const sessionsRevoked = replaced.sessionsEnded;
    await audit(
      {
        action: 'password.set_by_admin',
        actorId: admin.id,
        targetId: target.id,
        outcome: 'ok',
        details: {
          method: change.method,
          mustChangePassword: change.mustChangePassword,
          logoutSessions: change.logoutSessions,
          sessionsRevoked,
          ticketRef: change.ticketRef,
          ...change.caller,
        },
      },
      context,
    );
    await alertIfPrivileged('privileged_reset', admin, target, {
      method: change.method,
      sessionsRevoked,
      ticketRef: change.ticketRef,
      verified: change.caller.verified,
    });
    return { passwordExpiresAt: replaced.expiresAt, sessionsRevoked };
  }

  /** Every session of the target ends by an admin's hand (sign out everywhere, a one-click's Confirm). */
  async function endSessionsAsAdmin(
    admin: User,
    target: User,
    details: Record<string, string | boolean | null>,
    context: RequestContext,
  ) {
    const { revoked } = await revokeUserSessions(store, target.id, clock());
    await audit(
      {
        action: 'sessions.revoked',
        actorId: admin.id,
        targetId: target.id,
        outcome: 'ok',
        details: { revoked, scope: 'all', ...details },
      },
      context,
    );
    return revoked;
  }

  /** The account's own language and time zone: the admin's never reach the user's messages. */
  function recipientOf(target: User) {
    return deps.localization.for({ locale: target.locale, timeZone: target.timeZone });
  }

  function temporaryMessageInput(target: User, to: string, password: string, expiresAt: Date) {
    return {
      to,
      username: target.username,
      displayName: target.displayName,
      password,
      expiresAt,
      appUrl: config.appUrl,
      userId: target.id,
    };
  }

  return {
    /**
     * The self-service mail (link + code) to the username address; an invitation for a pending
     * account that never had a password. `actor` is the admin, or null from the command line.
     */
    async sendResetLink(actor: User | null, target: User, options: TicketOption, context: RequestContext) {
      const refused = refusal('reset-link', actor, target);
      if (refused) return refused;
      const caller = await verifyCaller('reset-link', actor, target);
      if (!caller.ok) return caller;
      const requestedBy = actor?.id ?? null;
      const issue = sendsInvitation(target)
        ? { purpose: 'invite' as const, ttlMs: config.admin.inviteTtlMs, requestedBy }
        : { purpose: 'reset' as const, ttlMs: config.reset.ttlMs, requestedBy };
      const { outboxId, requestId } = await deps.issuer.issueReset(target, issue, context);
      await audit(
        {
          action: 'reset.requested',
          actorId: requestedBy,
          targetId: target.id,
          outcome: 'sent',
          channel: 'email',
          details: {
            outboxId,
            purpose: issue.purpose,
            via: actor ? 'admin' : 'cli',
            ticketRef: options.ticketRef,
            ...callerCheck(caller),
          },
        },
        context,
      );
      return {
        ok: true as const,
        to: target.username,
        purpose: issue.purpose,
        expiresInMs: issue.ttlMs,
        requestId,
        outboxId,
        ...callerCheck(caller),
      };
    },

    /**
     * Seed 000's "Yes": the generated password (or national ID for the configured types) replaces the
     * current one at once and is shown once to the admin; what happens next is `handOverOneClick`.
     */
    async oneClickReset(admin: User, target: User, options: TicketOption, context: RequestContext) {
      const refused = refusal('reset-password', admin, target);
      if (refused) return refused;
      const chosen = oneClickPasswordFor(
        target,
        config.admin,
        config.passwordRules,
        deps.policy.inBundledBreachedList,
      );
      if (!chosen.ok) return chosen;
      const caller = await verifyCaller('reset-password', admin, target);
      if (!caller.ok) return caller;
      const result = await replacePasswordAsAdmin(
        admin,
        target,
        chosen.password,
        {
          method: 'reset-password',
          mustChangePassword: true,
          logoutSessions: false,
          ticketRef: options.ticketRef,
          caller: callerCheck(caller),
        },
        context,
      );
      return {
        ok: true as const,
        password: chosen.password,
        source: chosen.source,
        expiresAt: result.passwordExpiresAt!,
        ...callerCheck(caller),
      };
    },

    /**
     * The success dialog's Confirm (`choice`) or Close (null): emails the password just set and ends the
     * old sessions, as the admin chose, or neither. Both are audited; Close leaves everything as it is.
     */
    async handOverOneClick(
      admin: User,
      target: User,
      handover: OneClickHandover,
      choice: HandoverChoice | null,
      context: RequestContext,
    ) {
      if (choice) {
        const refused = refusal('reset-password', admin, target);
        if (refused) return refused;
        if (choice.sendEmail && !isEmailAddress(target.username)) {
          return { ok: false as const, error: 'username_not_email' as const };
        }
      }
      const emailedTo = choice?.sendEmail ? target.username : null;
      const outboxId = emailedTo
        ? await deps.mailQueue.queue(
            {
              channel: 'email',
              ...renderTemporaryPasswordEmail(
                temporaryMessageInput(target, emailedTo, handover.password, handover.passwordExpiresAt),
                recipientOf(target),
              ),
            },
            { usefulUntil: handover.passwordExpiresAt },
          )
        : null;
      // The reset itself already alerted the admins when the account is privileged.
      const sessionsRevoked = choice?.logoutSessions
        ? await endSessionsAsAdmin(
            admin,
            target,
            { reason: 'set_by_admin', ticketRef: handover.ticketRef },
            context,
          )
        : 0;
      await audit(
        {
          action: 'password.handed_over',
          actorId: admin.id,
          targetId: target.id,
          outcome: choice ? 'confirmed' : 'closed',
          channel: emailedTo ? 'email' : null,
          details: {
            emailed: emailedTo !== null,
            outboxId,
            logoutSessions: choice?.logoutSessions ?? false,
            sessionsRevoked,
            ticketRef: handover.ticketRef,
          },
        },
        context,
      );
      return { ok: true as const, emailedTo, sessionsRevoked };
    },

    /** A generated temporary password texted to the user's phone through the outbox; the admin never sees it. */
    async temporaryPasswordBySms(
      admin: User,
      target: User,
      options: SessionsOption,
      context: RequestContext,
    ) {
      const refused = refusal('temp-password-sms', admin, target);
      if (refused) return refused;
      const phone = target.phone!;
      if (!isE164Phone(phone)) return { ok: false as const, error: 'phone_invalid' as const };
      const caller = await verifyCaller('temp-password-sms', admin, target);
      if (!caller.ok) return caller;
      const password = generatePassword(
        config.passwordRules,
        deps.policy.inBundledBreachedList,
        config.admin.generatedPasswordLength,
      );
      const result = await replacePasswordAsAdmin(
        admin,
        target,
        password,
        {
          method: 'temp-password-sms',
          mustChangePassword: true,
          ...recordedOptions(options),
          caller: callerCheck(caller),
        },
        context,
      );
      const sms = renderTemporaryPasswordSms(
        temporaryMessageInput(target, phone, password, result.passwordExpiresAt!),
        recipientOf(target),
      );
      // A temporary password that has expired is worth nothing: the text stops being retried with it.
      const outboxId = await deps.mailQueue.queue(
        { channel: 'sms', ...sms },
        { usefulUntil: result.passwordExpiresAt! },
      );
      await audit(
        {
          action: 'sms.queued',
          actorId: admin.id,
          targetId: target.id,
          outcome: 'ok',
          channel: 'sms',
          details: { outboxId, kind: sms.kind, ticketRef: options.ticketRef },
        },
        context,
      );
      return {
        ok: true as const,
        outboxId,
        sessionsRevoked: result.sessionsRevoked,
        ...callerCheck(caller),
      };
    },

    /** The admin types the password; the full policy applies, with the target's name and history. */
    async setPassword(admin: User, target: User, input: TypedPasswordInput, context: RequestContext) {
      const refused = refusal('password', admin, target);
      if (refused) return refused;
      const verdict = await deps.policy.check(input.password, input.confirmPassword, target);
      if (!verdict.ok) {
        return { ok: false as const, error: 'password_rejected' as const, failures: verdict.failures };
      }
      const caller = await verifyCaller('password', admin, target);
      if (!caller.ok) return caller;
      const result = await replacePasswordAsAdmin(
        admin,
        target,
        input.password,
        {
          method: 'password',
          mustChangePassword: input.mustChangePassword,
          ...recordedOptions(input),
          caller: callerCheck(caller),
        },
        context,
      );
      return { ok: true as const, sessionsRevoked: result.sessionsRevoked, ...callerCheck(caller) };
    },

    async signOutEverywhere(admin: User, target: User, options: TicketOption, context: RequestContext) {
      const refused = refusal('sessions-revoke', admin, target);
      if (refused) return refused;
      const caller = await verifyCaller('sessions-revoke', admin, target);
      if (!caller.ok) return caller;
      const revoked = await endSessionsAsAdmin(
        admin,
        target,
        { ticketRef: options.ticketRef, ...callerCheck(caller) },
        context,
      );
      await alertIfPrivileged('privileged_sessions_ended', admin, target, {
        revoked,
        ticketRef: options.ticketRef,
      });
      return { ok: true as const, revoked, ...callerCheck(caller) };
    },
  };
}

export type AdminResets = ReturnType<typeof createAdminResets>;
