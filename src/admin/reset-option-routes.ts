import { type Request, type RequestHandler, type Response, Router } from 'express';
import { currentUser, requirePermission } from '../auth/session-middleware';
import { isEmailAddress } from '../auth/email';
import type { RecordAudit } from '../audit/audit-log';
import { passwordFieldErrors } from '../auth/password-policy';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Store, User } from '../store';
import { HttpError } from '../web/errors';
import { flash } from '../web/flash';
import { checkboxField, requestContext, stringField } from '../web/form';
import { noStore } from '../web/no-store';
import {
  ADMIN_ACTION_PATHS,
  awaitsCallerVerification,
  describeActionRefusal,
  isActionOffered,
  type AdminAction,
  type AdminActionsConfig,
} from './admin-menu';
import {
  ADMIN_ACTION_LABELS,
  ADMIN_MESSAGES,
  describeOneClickConfirmed,
  describeRefusal,
  describeTicketError,
  type AdminRefusalCode,
} from './admin-messages';
import { sendsInvitation, type AdminResets, type CallerCheck, type TicketOption } from './admin-resets';
import type { CallerVerificationService } from '../verification/caller-verification';
import { describeDelivery } from './delivery-status';
import { findUserOr404 } from './find-user';
import { issueFormNonce, spendFormNonce } from './form-nonce';
import { maskPhone } from './masking';
import { HANDOVER_TTL_MS, type OneClickHandoverKeeper } from './one-click-handover';
import { loadTargetWithinPrivileges } from './target-access';
import { parseTicketRef, TICKET_REF_MAX_LENGTH } from './ticket-ref';

/** Values echoed into a re-rendered form: its checkboxes and the ticket reference as typed. */
type FormValues = Record<string, string | boolean | null>;

function target(res: Response): User {
  return res.locals.target as User;
}

function userPage(user: User): string {
  return `/admin/users/${encodeURIComponent(user.id)}`;
}

/** Refuses hidden actions and one's own account; runs after the target is loaded within privileges. */
function refuseOwnOrHidden(config: AdminActionsConfig, action: AdminAction): RequestHandler {
  return (req, res, next) => {
    if (!isActionOffered(action, config)) {
      return next(new HttpError(404, req.t(ADMIN_MESSAGES.option_turned_off)));
    }
    if (target(res).id === currentUser(res)!.id) {
      return next(new HttpError(403, req.t(ADMIN_MESSAGES.own_account)));
    }
    next();
  };
}

export interface ResetOptionRouterDeps {
  config: Pick<Config, 'admin' | 'sms' | 'reset' | 'ticketRef' | 'verification'>;
  store: Pick<Store, 'users' | 'sessions' | 'outbox'>;
  clock: Clock;
  audit: RecordAudit;
  adminResets: AdminResets;
  callerVerification: Pick<CallerVerificationService, 'currentFor'>;
  oneClickHandover: OneClickHandoverKeeper;
}

/** What a secret-handing reset's result says about the caller, when verification is in use at all. */
function callerNote(req: Request, config: Pick<Config, 'verification'>, result: CallerCheck): string {
  if (config.verification.mode === 'off') return '';
  return ` ${req.t(result.verified ? ADMIN_MESSAGES.caller_verified : ADMIN_MESSAGES.caller_not_verified)}`;
}

/** The confirmation pages of a user's "More options" menu, their actions, and the delivery status page. */
export function createResetOptionRouter({
  config,
  store,
  clock,
  audit,
  adminResets,
  callerVerification,
  oneClickHandover,
}: ResetOptionRouterDeps): Router {
  const router = Router();
  // Every page here shows personal data, and the one-click result a password: no cache may keep them.
  const guards = (action: AdminAction) => [
    noStore,
    requirePermission('users:read'),
    requirePermission('users:reset'),
    loadTargetWithinPrivileges(store, audit, action),
    refuseOwnOrHidden(config, action),
  ];

  async function renderConfirm(
    req: Request,
    res: Response,
    action: AdminAction,
    extra: Record<string, unknown> = {},
  ) {
    const user = target(res);
    const agent = currentUser(res)!;
    const [sessions, caller] = await Promise.all([
      store.sessions.listByUser(user.id, clock()),
      callerVerification.currentFor(agent, user),
    ]);
    const callerVerified = caller.valid !== null;
    const { t, formatDuration } = req.localized;
    res.render('admin/confirm', {
      action,
      label: t(ADMIN_ACTION_LABELS[action]),
      target: user,
      href: `${userPage(user)}/${ADMIN_ACTION_PATHS[action]}`,
      userPage: userPage(user),
      blockedReason: describeActionRefusal(action, agent, user, config, callerVerified, t),
      verifyHref: awaitsCallerVerification(action, user, config, callerVerified)
        ? `${userPage(user)}/verify?next=${action}`
        : null,
      refusal: null,
      errors: {},
      nonce: action === 'reset-password' ? issueFormNonce(req) : null,
      maskedPhone: maskPhone(user.phone),
      sessionCount: sessions.length,
      resetLinkLifetime: formatDuration(
        sendsInvitation(user) ? config.admin.inviteTtlMs : config.reset.ttlMs,
      ),
      temporaryLifetime: formatDuration(config.admin.tempPasswordTtlMs),
      ticket: { ...config.ticketRef, maxLength: TICKET_REF_MAX_LENGTH },
      passwordOwner: user,
      ...extra,
    });
  }

  function refuse(req: Request, res: Response, action: AdminAction, refusal: AdminRefusalCode) {
    res.status(409);
    return renderConfirm(req, res, action, { refusal: describeRefusal(refusal, target(res), req.t) });
  }

  /**
   * The reset's ticket under TICKET_REF, or null once a missing or malformed one was answered: 400, the
   * same form again with the reason under the field and `values` (its checkboxes) kept, nothing done.
   */
  async function checkedTicket(
    req: Request,
    res: Response,
    action: AdminAction,
    values: FormValues = {},
  ): Promise<TicketOption | null> {
    // A repeated or object field is already a 400 before any route; only the length is left to check.
    const raw = stringField(req.body, 'ticketRef', 16 * 1024);
    const ticket = parseTicketRef(raw, config.ticketRef);
    if (ticket.ok) return { ticketRef: ticket.value };
    res.status(400);
    const errors = { ticketRef: describeTicketError(ticket.error, config.ticketRef, req.t) };
    await renderConfirm(req, res, action, { errors, values: { ...values, ticketRef: raw } });
    return null;
  }

  for (const action of Object.keys(ADMIN_ACTION_PATHS) as AdminAction[]) {
    router.get(`/admin/users/:id/${ADMIN_ACTION_PATHS[action]}`, ...guards(action), (req, res) =>
      renderConfirm(req, res, action),
    );
  }

  router.post('/admin/users/:id/reset-link', ...guards('reset-link'), async (req, res) => {
    const ticket = await checkedTicket(req, res, 'reset-link');
    if (!ticket) return;
    const result = await adminResets.sendResetLink(
      currentUser(res)!,
      target(res),
      ticket,
      requestContext(req),
    );
    if (!result.ok) return refuse(req, res, 'reset-link', result.error);
    const sent =
      result.purpose === 'invite' ? ADMIN_MESSAGES.invitation_sent : ADMIN_MESSAGES.reset_link_sent;
    flash(
      req,
      'success',
      req.t(sent, { to: result.to, lifetime: req.localized.formatDuration(result.expiresInMs) }),
    );
    res.redirect(303, userPage(target(res)));
  });

  // Seed 000: "Yes" resets at once and opens the success dialog with the password and its two toggles.
  router.post('/admin/users/:id/reset-password', ...guards('reset-password'), async (req, res) => {
    if (spendFormNonce(req, stringField(req.body, 'nonce', 64)) === 'spent') {
      return res.status(410).render('admin/result-gone', { userPage: userPage(target(res)) });
    }
    const ticket = await checkedTicket(req, res, 'reset-password');
    if (!ticket) return;
    const user = target(res);
    const result = await adminResets.oneClickReset(currentUser(res)!, user, ticket, requestContext(req));
    if (!result.ok) return refuse(req, res, 'reset-password', result.error);
    oneClickHandover.keep(req, user.id, {
      password: result.password,
      passwordExpiresAt: result.expiresAt,
      ticketRef: ticket.ticketRef,
    });
    const sessions = await store.sessions.listByUser(user.id, clock());
    res.render('admin/reset-result', {
      target: user,
      userPage: userPage(user),
      handoverHref: `${userPage(user)}/reset-password/handover`,
      handoverMinutes: req.localized.formatDuration(HANDOVER_TTL_MS),
      result,
      canEmail: isEmailAddress(user.username),
      sessionCount: sessions.length,
      callerNote: callerNote(req, config, result).trim(),
    });
  });

  // The success dialog's Confirm (email and sign-outs as toggled) or Close (neither); either spends it.
  router.post(
    '/admin/users/:id/reset-password/handover',
    ...guards('reset-password'),
    async (req, res, next) => {
      const decision = stringField(req.body, 'decision', 16);
      if (decision !== 'confirm' && decision !== 'close') {
        return next(new HttpError(400, req.t(ADMIN_MESSAGES.handover_decision)));
      }
      const user = target(res);
      const handover = oneClickHandover.take(req, user.id);
      if (!handover) {
        flash(req, 'error', req.t(ADMIN_MESSAGES.one_click_handover_gone));
        return res.redirect(303, userPage(user));
      }
      const choice =
        decision === 'confirm'
          ? {
              sendEmail: checkboxField(req.body, 'sendEmail'),
              logoutSessions: checkboxField(req.body, 'logoutSessions'),
            }
          : null;
      const result = await adminResets.handOverOneClick(
        currentUser(res)!,
        user,
        handover,
        choice,
        requestContext(req),
      );
      if (!result.ok) {
        const reason = describeRefusal(result.error, user, req.t);
        flash(req, 'error', req.t(ADMIN_MESSAGES.one_click_not_sent, { reason }));
      } else if (choice) {
        flash(req, 'success', describeOneClickConfirmed(result.emailedTo, result.sessionsRevoked, req.t));
      } else {
        flash(req, 'success', req.t(ADMIN_MESSAGES.one_click_closed));
      }
      res.redirect(303, userPage(user));
    },
  );

  router.post('/admin/users/:id/temp-password-sms', ...guards('temp-password-sms'), async (req, res) => {
    const values = { logoutSessions: checkboxField(req.body, 'logoutSessions') };
    const ticket = await checkedTicket(req, res, 'temp-password-sms', values);
    if (!ticket) return;
    const result = await adminResets.temporaryPasswordBySms(
      currentUser(res)!,
      target(res),
      { ...values, ...ticket },
      requestContext(req),
    );
    if (!result.ok) return refuse(req, res, 'temp-password-sms', result.error);
    flash(req, 'success', req.t(ADMIN_MESSAGES.temporary_password_queued) + callerNote(req, config, result));
    res.redirect(303, `${userPage(target(res))}/deliveries/${encodeURIComponent(result.outboxId)}`);
  });

  router.post('/admin/users/:id/password', ...guards('password'), async (req, res) => {
    const field = (name: string) => stringField(req.body, name, 4096) ?? '';
    const values = {
      mustChangePassword: checkboxField(req.body, 'mustChangePassword'),
      logoutSessions: checkboxField(req.body, 'logoutSessions'),
    };
    const ticket = await checkedTicket(req, res, 'password', values);
    if (!ticket) return;
    const input = {
      password: field('password'),
      confirmPassword: field('confirmPassword'),
      ...values,
      ...ticket,
    };
    const result = await adminResets.setPassword(currentUser(res)!, target(res), input, requestContext(req));
    if (!result.ok && result.error !== 'password_rejected') return refuse(req, res, 'password', result.error);
    if (!result.ok) {
      res.status(400);
      return renderConfirm(req, res, 'password', {
        errors: passwordFieldErrors(result.failures, req.localized),
        values: { ...values, ...ticket },
      });
    }
    const done = input.logoutSessions
      ? req.t(ADMIN_MESSAGES.password_set_sessions_ended, { count: result.sessionsRevoked })
      : req.t(ADMIN_MESSAGES.password_set);
    flash(req, 'success', done + callerNote(req, config, result));
    res.redirect(303, userPage(target(res)));
  });

  router.post('/admin/users/:id/sessions/revoke', ...guards('sessions-revoke'), async (req, res) => {
    const ticket = await checkedTicket(req, res, 'sessions-revoke');
    if (!ticket) return;
    const result = await adminResets.signOutEverywhere(
      currentUser(res)!,
      target(res),
      ticket,
      requestContext(req),
    );
    if (!result.ok) return refuse(req, res, 'sessions-revoke', result.error);
    flash(req, 'success', req.t(ADMIN_MESSAGES.sessions_signed_out, { count: result.revoked }));
    res.redirect(303, userPage(target(res)));
  });

  /** The outbox item of a message sent to this account, or a 404 (never another account's message). */
  async function loadDelivery(req: Request) {
    const user = await findUserOr404(store, req.params.id as string, req.t);
    const outboxId = stringField(req.params, 'outboxId', 100);
    const item = outboxId ? await store.outbox.findById(outboxId) : null;
    if (item?.userId !== user.id) throw new HttpError(404, req.t(ADMIN_MESSAGES.no_such_message));
    return { user, item };
  }

  router.get(
    '/admin/users/:id/deliveries/:outboxId',
    noStore,
    requirePermission('users:read'),
    async (req, res) => {
      const { user, item } = await loadDelivery(req);
      res.render('admin/delivery', {
        target: user,
        userPage: userPage(user),
        item,
        delivery: describeDelivery(item.id, item, req.localized),
        statusHref: `${userPage(user)}/deliveries/${encodeURIComponent(item.id)}/status`,
        maskedPhone: maskPhone(user.phone),
      });
    },
  );

  // What the delivery page polls (src/client/delivery-status.ts) until the message is sent or given up.
  router.get(
    '/admin/users/:id/deliveries/:outboxId/status',
    noStore,
    requirePermission('users:read'),
    async (req, res) => {
      const { item } = await loadDelivery(req);
      res.json({ ...describeDelivery(item.id, item, req.localized), attempts: item.attempts });
    },
  );

  return router;
}
