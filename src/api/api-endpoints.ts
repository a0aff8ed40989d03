import type { Request, RequestHandler, Response } from 'express';
import type { AdminResets } from '../admin/admin-resets';
import { ADMIN_MESSAGES, describeRefusal, describeTicketError } from '../admin/admin-messages';
import type { CreateUserAccount } from '../admin/create-user';
import { describeDelivery } from '../admin/delivery-status';
import { findUserOr404 } from '../admin/find-user';
import type { Translate } from '../i18n/localization';
import { maskNationalId, maskPhone } from '../admin/masking';
import { loadTargetWithinPrivileges, type TargetAction } from '../admin/target-access';
import { parseTicketRef } from '../admin/ticket-ref';
import { readNewUserForm, userFormRules } from '../admin/user-form';
import { parseUserListQuery, toUserSearch, USERS_PAGE_SIZE } from '../admin/user-query';
import type { RecordAudit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { AuditEvent, Store, User } from '../store';
import type { CallerVerificationService } from '../verification/caller-verification';
import { VERIFICATION_MESSAGES } from '../verification/verification-messages';
import { minutesToWait } from '../verification/caller-verification';
import {
  AuditPageSchema,
  AuditQuery,
  ConfirmBody,
  CreatedUserSchema,
  DeliveryParams,
  DeliverySchema,
  NewUserBody,
  ResetLinkAcceptedSchema,
  SessionsRevokedSchema,
  TicketBody,
  UserDetailSchema,
  UserIdParams,
  UserListQuery,
  UserListSchema,
  VerificationConfirmedSchema,
  VerificationSentSchema,
  VerifyBody,
} from './api-schemas';
import { endpoint, type Endpoint } from './endpoint';
import { ApiProblem } from './problem';

export const API_BASE = '/api/v1';

export interface ApiEndpointDeps {
  config: Pick<Config, 'ticketRef' | 'admin' | 'verification'>;
  store: Pick<Store, 'users' | 'sessions' | 'outbox' | 'audit'>;
  clock: Clock;
  audit: RecordAudit;
  adminResets: Pick<AdminResets, 'sendResetLink' | 'signOutEverywhere'>;
  callerVerification: Pick<CallerVerificationService, 'sendCode' | 'confirmCode'>;
  createUserAccount: CreateUserAccount;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The detail page's profile and security fields, secrets masked by the same functions. */
function toApiUser(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    contactEmail: user.contactEmail,
    phone: maskPhone(user.phone),
    nationalId: maskNationalId(user.nationalId),
    userType: user.userType,
    status: user.status,
    roles: [...user.roles],
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: iso(user.lastSignInAt),
    lockedUntil: iso(user.lockedUntil),
    failedSignIns: user.failedSignIns,
    hasPassword: user.passwordHash !== null,
    mustChangePassword: user.mustChangePassword,
  };
}

function toApiEvent(event: AuditEvent) {
  return {
    seq: event.seq,
    at: event.at.toISOString(),
    action: event.action,
    actorId: event.actorId,
    targetId: event.targetId,
    outcome: event.outcome,
    channel: event.channel,
    ip: event.ip,
    details: event.details,
  };
}

function deliveryUrl(outboxId: string): string {
  return `${API_BASE}/deliveries/${encodeURIComponent(outboxId)}`;
}

function run(handler: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void Promise.resolve(handler(req, res, (err?: unknown) => (err ? reject(err) : resolve()))).catch(reject);
  });
}

function conflict(reason: string, detail: string): ApiProblem {
  return new ApiProblem(409, 'conflict', detail, { reason });
}

/** A cursor freezes the newest time of the first page, so events written meanwhile never shift pages. */
interface AuditCursor {
  to: string;
  page: number;
}

function readCursor(cursor: string): AuditCursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<AuditCursor>;
    if (typeof value.to === 'string' && Number.isInteger(value.page) && value.page! >= 2) {
      return { to: value.to, page: value.page! };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new ApiProblem(400, 'invalid_request', 'The cursor is not one this API gave out.');
}

export function createApiEndpoints(deps: ApiEndpointDeps): Endpoint[] {
  const { config, store, clock, audit } = deps;

  /** The same guard as the console's pages: 404 unknown, 403 (audited) more privileges than the creator. */
  async function loadTarget(req: Request, res: Response, attempted: TargetAction) {
    await run(loadTargetWithinPrivileges(store, audit, attempted), req, res);
    const target = res.locals.target as User;
    if (target.id === (res.locals.currentUser as User).id) {
      throw new ApiProblem(403, 'forbidden', req.t(ADMIN_MESSAGES.own_account), { reason: 'own_account' });
    }
    return target;
  }

  function ticket(raw: string | undefined, t: Translate): { ticketRef: string | null } {
    const parsed = parseTicketRef(raw ?? null, config.ticketRef);
    if (parsed.ok) return { ticketRef: parsed.value };
    throw new ApiProblem(422, 'unprocessable', describeTicketError(parsed.error, config.ticketRef, t), {
      reason: `ticket_${parsed.error}`,
    });
  }

  return [
    endpoint({
      method: 'get',
      path: '/users',
      operationId: 'listUsers',
      summary: 'Find users by id, username, contact email or name',
      scope: 'users:read',
      query: UserListQuery,
      success: { status: 200, description: 'One page of users', schema: UserListSchema },
      async handle({ query, req }) {
        const parsed = parseUserListQuery({
          ...(query.q && { q: query.q }),
          ...(query.status && { status: query.status }),
          ...(query.type && { type: query.type }),
          ...(query.page && { page: query.page }),
        });
        if (!parsed.ok) {
          throw new ApiProblem(400, 'invalid_request', req.t(parsed.message.key, parsed.message.values));
        }
        const result = await store.users.search(toUserSearch(parsed.query));
        return {
          status: 200,
          body: {
            items: result.items.map(toApiUser),
            page: parsed.query.page,
            pageSize: USERS_PAGE_SIZE,
            total: result.total,
          },
        };
      },
    }),
    endpoint({
      method: 'get',
      path: '/users/{id}',
      operationId: 'getUser',
      summary: 'One user, with the detail page fields',
      scope: 'users:read',
      params: UserIdParams,
      success: { status: 200, description: 'The user', schema: UserDetailSchema },
      async handle({ params, req }) {
        const target = await findUserOr404(store, params.id, req.t);
        const sessions = await store.sessions.listByUser(target.id, clock());
        return { status: 200, body: { ...toApiUser(target), activeSessions: sessions.length } };
      },
    }),
    endpoint({
      method: 'post',
      path: '/users',
      operationId: 'createUser',
      summary: 'Create a user (pending), optionally sending the invitation',
      scope: 'users:update',
      body: NewUserBody,
      idempotent: true,
      success: { status: 201, description: 'The new user', schema: CreatedUserSchema },
      refusals: [409, 422],
      async handle({ body, caller, context, req }) {
        const { sendInvite, ticketRef, ...fields } = body;
        ticket(ticketRef, req.t);
        const form = readNewUserForm(
          Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
          caller.creator,
          userFormRules(config.admin),
          req.t,
        );
        if (!form.ok) {
          const errors = Object.entries(form.errors).map(([path, message]) => ({ path, message }));
          throw new ApiProblem(422, 'unprocessable', 'Some fields are not valid.', {
            reason: 'fields_invalid',
            errors,
          });
        }
        const result = await deps.createUserAccount(
          form.fields,
          { admin: caller.creator, sendInvite },
          context,
        );
        if (!result.ok) throw conflict('username_taken', req.t(ADMIN_MESSAGES.username_taken));
        return { status: 201, body: { ...toApiUser(result.user), invited: result.invited } };
      },
    }),
    endpoint({
      method: 'post',
      path: '/users/{id}/reset-link',
      operationId: 'sendResetLink',
      summary: 'Email the user a reset link and code (an invitation for a pending account)',
      scope: 'users:reset',
      params: UserIdParams,
      body: TicketBody,
      idempotent: true,
      success: { status: 202, description: 'Queued; poll deliveryUrl', schema: ResetLinkAcceptedSchema },
      refusals: [409, 422],
      async handle({ body, caller, context, req, res }) {
        const options = ticket(body.ticketRef, req.t);
        const target = await loadTarget(req, res, 'reset-link');
        const result = await deps.adminResets.sendResetLink(caller.creator, target, options, context);
        if (!result.ok) throw conflict(result.error, describeRefusal(result.error, target, req.t));
        return {
          status: 202,
          headers: { Location: deliveryUrl(result.outboxId) },
          body: {
            requestId: result.requestId,
            outboxId: result.outboxId,
            purpose: result.purpose,
            to: result.to,
            expiresAt: new Date(clock().getTime() + result.expiresInMs).toISOString(),
            verified: result.verified,
            verificationId: result.verificationId,
            deliveryUrl: deliveryUrl(result.outboxId),
          },
        };
      },
    }),
    endpoint({
      method: 'post',
      path: '/users/{id}/sessions/revoke',
      operationId: 'revokeSessions',
      summary: 'Sign the user out everywhere',
      scope: 'users:reset',
      params: UserIdParams,
      body: TicketBody,
      idempotent: true,
      success: { status: 200, description: 'Sessions ended', schema: SessionsRevokedSchema },
      refusals: [409, 422],
      async handle({ body, caller, context, req, res }) {
        const options = ticket(body.ticketRef, req.t);
        const target = await loadTarget(req, res, 'sessions-revoke');
        const result = await deps.adminResets.signOutEverywhere(caller.creator, target, options, context);
        if (!result.ok) throw conflict(result.error, describeRefusal(result.error, target, req.t));
        return {
          status: 200,
          body: { revoked: result.revoked, verified: result.verified, verificationId: result.verificationId },
        };
      },
    }),
    endpoint({
      method: 'get',
      path: '/deliveries/{outboxId}',
      operationId: 'getDelivery',
      summary: 'Where a queued message is: queued, retrying, sent, abandoned or expired',
      scope: 'users:read',
      params: DeliveryParams,
      success: { status: 200, description: 'The delivery state', schema: DeliverySchema },
      async handle({ params, req }) {
        const item = await store.outbox.findById(params.outboxId);
        if (!item) {
          throw new ApiProblem(404, 'not_found', 'There is no delivery with this id (or it was purged).');
        }
        const delivery = describeDelivery(item.id, item, req.localized);
        return {
          status: 200,
          body: { outboxId: item.id, channel: item.channel, ...delivery, attempts: item.attempts },
        };
      },
    }),
    endpoint({
      method: 'post',
      path: '/users/{id}/verify',
      operationId: 'sendVerificationCode',
      summary: "Send a caller-verification code to the user's own email or phone",
      scope: 'users:reset',
      params: UserIdParams,
      body: VerifyBody,
      idempotent: true,
      success: { status: 202, description: 'Code queued', schema: VerificationSentSchema },
      refusals: [409, 422],
      async handle({ body, caller, context, req, res }) {
        const { ticketRef } = ticket(body.ticketRef, req.t);
        const target = await loadTarget(req, res, 'verify');
        const result = await deps.callerVerification.sendCode(
          caller.creator,
          target,
          body.channel,
          ticketRef,
          context,
        );
        if (!result.ok && result.error === 'too_many_codes') {
          const minutes = minutesToWait(result.retryInMs);
          throw new ApiProblem(
            429,
            'rate_limited',
            req.t(VERIFICATION_MESSAGES.too_many_codes, { count: minutes }),
            {
              reason: 'too_many_codes',
              retryAfterSeconds: Math.ceil(result.retryInMs / 1000),
            },
          );
        }
        if (!result.ok) throw conflict(result.error, req.t(VERIFICATION_MESSAGES[result.error]));
        const { verification } = result;
        return {
          status: 202,
          body: {
            verificationId: verification.id,
            channel: body.channel,
            to: result.to,
            codeExpiresAt: verification.codeExpiresAt!.toISOString(),
            deliveryUrl: deliveryUrl(verification.outboxId!),
          },
        };
      },
    }),
    endpoint({
      method: 'post',
      path: '/users/{id}/verify/confirm',
      operationId: 'confirmVerificationCode',
      summary: 'Confirm the code the caller read back',
      scope: 'users:reset',
      params: UserIdParams,
      body: ConfirmBody,
      success: { status: 200, description: 'Caller verified', schema: VerificationConfirmedSchema },
      refusals: [409, 422],
      async handle({ body, caller, context, req, res }) {
        const target = await loadTarget(req, res, 'verify');
        const result = await deps.callerVerification.confirmCode(caller.creator, target, body.code, context);
        if (!result.ok && result.error === 'code_wrong') {
          throw new ApiProblem(
            422,
            'unprocessable',
            req.t(VERIFICATION_MESSAGES.code_wrong, { count: result.attemptsLeft }),
            {
              reason: 'code_wrong',
              attemptsLeft: result.attemptsLeft,
            },
          );
        }
        if (!result.ok) throw conflict(result.error, req.t(VERIFICATION_MESSAGES[result.error]));
        return {
          status: 200,
          body: {
            verificationId: result.verification.id,
            verified: true,
            validUntil: iso(result.verification.validUntil),
          },
        };
      },
    }),
    endpoint({
      method: 'get',
      path: '/audit',
      operationId: 'listAuditEvents',
      summary: 'Audit events, newest first, by cursor',
      scope: 'audit:read',
      query: AuditQuery,
      success: { status: 200, description: 'One page of events', schema: AuditPageSchema },
      async handle({ query }) {
        const limit = Math.min(Math.max(Number(query.limit ?? 50), 1), 200);
        const cursor = query.cursor ? readCursor(query.cursor) : null;
        const to = cursor?.to ?? query.to ?? clock().toISOString();
        const page = cursor?.page ?? 1;
        const filter = {
          ...(query.action && { action: query.action }),
          ...(query.actor && { actorId: query.actor }),
          ...(query.target && { targetId: query.target }),
          ...(query.ticketRef && { ticketRef: query.ticketRef }),
          ...(query.from && { from: new Date(query.from) }),
          to: new Date(to),
        };
        const result = await store.audit.list(filter, page, limit);
        const more = page * limit < result.total;
        const nextCursor = more
          ? Buffer.from(JSON.stringify({ to, page: page + 1 }), 'utf8').toString('base64url')
          : null;
        return { status: 200, body: { items: result.items.map(toApiEvent), nextCursor } };
      },
    }),
  ];
}
