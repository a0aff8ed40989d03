import { Router, type Request, type Response } from 'express';
import { ADMIN_ACTION_LABELS, describeTicketError } from '../admin/admin-messages';
import { ADMIN_ACTION_PATHS, type AdminAction } from '../admin/admin-menu';
import { loadTargetWithinPrivileges } from '../admin/target-access';
import { parseTicketRef, TICKET_REF_MAX_LENGTH } from '../admin/ticket-ref';
import type { RecordAudit } from '../audit/audit-log';
import { currentUser, requirePermission } from '../auth/session-middleware';
import type { Config } from '../config';
import { CODE_PATTERN } from '../reset/secrets';
import { toAsciiDigits } from '../shared/digits';
import type { CallerVerification, Store, User } from '../store';
import { HttpError } from '../web/errors';
import { flash } from '../web/flash';
import { requestContext, stringField } from '../web/form';
import { noStore } from '../web/no-store';
import {
  IN_PERSON_NOTE_MAX_LENGTH,
  minutesToWait,
  type CallerVerificationService,
} from './caller-verification';
import { VERIFICATION_MESSAGES, VERIFIED_MESSAGES, type VerificationRefusal } from './verification-messages';
import { describeVerificationPanel } from './verification-panel';

export interface VerificationRouterDeps {
  config: Pick<Config, 'verification' | 'sms' | 'ticketRef'>;
  store: Pick<Store, 'users'>;
  audit: RecordAudit;
  callerVerification: CallerVerificationService;
}

type FieldErrors = Record<string, string>;

function target(res: Response): User {
  return res.locals.target as User;
}

function userPage(user: User): string {
  return `/admin/users/${encodeURIComponent(user.id)}`;
}

/** The reset the agent was on its way to (`next`), so a confirmed caller goes straight back to it. */
function nextAction(value: unknown): AdminAction | null {
  return typeof value === 'string' && Object.hasOwn(ADMIN_ACTION_PATHS, value)
    ? (value as AdminAction)
    : null;
}

/** A code as the caller reads it out: spaces and dashes between digits are fine, in any digits. */
function compactCode(raw: string | null): string {
  return toAsciiDigits(raw ?? '').replace(/[\s-]/g, '');
}

/** "Caller verified by … at …", in the agent's language and time zone. */
function verifiedMessage(req: Request, agent: User, verification: CallerVerification): string {
  return req.t(VERIFIED_MESSAGES[verification.channel], {
    agent: agent.displayName,
    at: req.localized.formatDateTime(verification.verifiedAt),
  });
}

/**
 * The caller-verification step of a user's page: `GET /admin/users/:id/verify` (the step, also shown
 * in the "More options" dialog), sending a code, confirming what the caller reads back, and recording
 * an in-person check.
 */
export function createVerificationRouter(deps: VerificationRouterDeps): Router {
  const { config, store, audit, callerVerification } = deps;
  const router = Router();
  const guards = [
    noStore,
    requirePermission('users:read'),
    requirePermission('users:reset'),
    loadTargetWithinPrivileges(store, audit, 'verify'),
    (req: Request, _res: Response, next: (error?: unknown) => void) =>
      next(
        config.verification.mode === 'off'
          ? new HttpError(404, req.t(VERIFICATION_MESSAGES.turned_off))
          : undefined,
      ),
  ];

  async function renderStep(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const user = target(res);
    const panel = await describeVerificationPanel(
      callerVerification,
      currentUser(res)!,
      user,
      config,
      req.localized,
    );
    const next = nextAction(req.query.next ?? stringField(req.body, 'next', 40));
    res.status(status).render('verification/verify', {
      target: user,
      userPage: userPage(user),
      panel,
      next,
      nextLabel: next && req.t(ADMIN_ACTION_LABELS[next]),
      nextHref: next && `${userPage(user)}/${ADMIN_ACTION_PATHS[next]}`,
      ticket: { ...config.ticketRef, maxLength: TICKET_REF_MAX_LENGTH },
      errors: {},
      values: {},
      ...extra,
    });
  }

  /** The form's ticket under TICKET_REF, or null once a bad one was answered with the step and a 400. */
  async function checkedTicket(
    req: Request,
    res: Response,
    field: string,
  ): Promise<{ ticketRef: string | null } | null> {
    const raw = stringField(req.body, 'ticketRef', 16 * 1024);
    const ticket = parseTicketRef(raw, config.ticketRef);
    if (ticket.ok) return { ticketRef: ticket.value };
    const errors: FieldErrors = { [field]: describeTicketError(ticket.error, config.ticketRef, req.t) };
    await renderStep(req, res, 400, { errors, values: { [field]: raw } });
    return null;
  }

  function refused(req: Request, res: Response, error: VerificationRefusal, field: string) {
    return renderStep(req, res, error === 'in_person_not_allowed' ? 403 : 409, {
      errors: { [field]: req.t(VERIFICATION_MESSAGES[error]) },
    });
  }

  const backTo = (req: Request, user: User) => {
    const next = nextAction(stringField(req.body, 'next', 40));
    return next ? `${userPage(user)}/${ADMIN_ACTION_PATHS[next]}` : userPage(user);
  };
  const stepAgain = (req: Request, user: User) => {
    const next = nextAction(stringField(req.body, 'next', 40));
    return `${userPage(user)}/verify${next ? `?next=${next}` : ''}`;
  };

  router.get('/admin/users/:id/verify', ...guards, (req, res) => renderStep(req, res));

  router.post('/admin/users/:id/verify', ...guards, async (req, res) => {
    const channel = stringField(req.body, 'channel', 10);
    if (channel !== 'email' && channel !== 'sms') {
      const message = req.t(VERIFICATION_MESSAGES.channel_missing);
      return renderStep(req, res, 400, { errors: { channel: message } });
    }
    const ticket = await checkedTicket(req, res, 'ticketRef');
    if (!ticket) return;
    const agent = currentUser(res)!;
    const result = await callerVerification.sendCode(
      agent,
      target(res),
      channel,
      ticket.ticketRef,
      requestContext(req),
    );
    if (!result.ok && result.error === 'too_many_codes') {
      const message = req.t(VERIFICATION_MESSAGES.too_many_codes, { count: minutesToWait(result.retryInMs) });
      return renderStep(req, res, 429, { errors: { channel: message } });
    }
    if (!result.ok) return refused(req, res, result.error, 'channel');
    const sent =
      channel === 'email'
        ? req.t(VERIFICATION_MESSAGES.code_sent_email, { to: result.to })
        : req.t(VERIFICATION_MESSAGES.code_sent_sms, { lastDigits: result.to.slice(-3) });
    flash(req, 'info', sent);
    res.redirect(303, stepAgain(req, target(res)));
  });

  router.post('/admin/users/:id/verify/confirm', ...guards, async (req, res) => {
    const code = compactCode(stringField(req.body, 'code', 100));
    if (!CODE_PATTERN.test(code)) {
      return renderStep(req, res, 400, { errors: { code: req.t(VERIFICATION_MESSAGES.code_format) } });
    }
    const agent = currentUser(res)!;
    const result = await callerVerification.confirmCode(agent, target(res), code, requestContext(req));
    if (!result.ok) {
      const message =
        result.error === 'code_wrong'
          ? req.t(VERIFICATION_MESSAGES.code_wrong, { count: result.attemptsLeft })
          : req.t(VERIFICATION_MESSAGES[result.error]);
      return renderStep(req, res, 400, { errors: { code: message } });
    }
    const { verification } = result;
    flash(req, 'success', verifiedMessage(req, agent, verification));
    res.redirect(303, backTo(req, target(res)));
  });

  router.post('/admin/users/:id/verify/in-person', ...guards, async (req, res) => {
    const raw = stringField(req.body, 'note', 16 * 1024);
    // One line in the audit log and the alert, whatever the textarea held.
    const note = (raw ?? '').replace(/\s+/g, ' ').trim();
    if (note.length > IN_PERSON_NOTE_MAX_LENGTH) {
      const message = req.t(VERIFICATION_MESSAGES.note_too_long, { max: IN_PERSON_NOTE_MAX_LENGTH });
      return renderStep(req, res, 400, { errors: { note: message }, values: { note: raw } });
    }
    const ticket = await checkedTicket(req, res, 'inPersonTicketRef');
    if (!ticket) return;
    const agent = currentUser(res)!;
    const result = await callerVerification.recordInPerson(
      agent,
      target(res),
      note,
      ticket.ticketRef,
      requestContext(req),
    );
    if (!result.ok) {
      if (result.error !== 'note_required') return refused(req, res, result.error, 'note');
      const message = req.t(VERIFICATION_MESSAGES.note_required);
      return renderStep(req, res, 400, { errors: { note: message } });
    }
    const { verification } = result;
    flash(req, 'success', verifiedMessage(req, agent, verification));
    res.redirect(303, backTo(req, target(res)));
  });

  return router;
}
