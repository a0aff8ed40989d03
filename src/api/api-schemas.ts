import { z } from 'zod';
import { TICKET_REF_MAX_LENGTH } from '../admin/ticket-ref';
import { ROLE_NAMES, USER_STATUSES, USER_TYPES } from '../store';
import { PROBLEM_CODES } from './problem';

/*
 * The one description of the API's inputs and outputs: requests are validated with these schemas and
 * openapi.ts generates the document from the same objects, so the two cannot drift apart.
 */

const dateTime = z.iso.datetime();
const id = z.string().min(1).max(100);

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(PROBLEM_CODES),
    reason: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    attemptsLeft: z.number().int().optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `type` is stable per `code`.' });

export const TicketRefField = z.string().max(TICKET_REF_MAX_LENGTH).optional().meta({
  description: 'The help-desk ticket this is done under (TICKET_REF decides whether it is required).',
});

export const UserIdParams = z.object({ id });

export const UserSchema = z
  .object({
    id,
    username: z.string(),
    displayName: z.string(),
    contactEmail: z.string().nullable(),
    phone: z.string().nullable().meta({ description: 'Masked: only the last digits.' }),
    nationalId: z.string().nullable().meta({ description: 'Masked: only the last digits.' }),
    userType: z.enum(USER_TYPES),
    status: z.enum(USER_STATUSES),
    roles: z.array(z.enum(ROLE_NAMES)),
    createdAt: dateTime,
    lastSignInAt: dateTime.nullable(),
    lockedUntil: dateTime.nullable(),
    failedSignIns: z.number().int(),
    hasPassword: z.boolean(),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'User' });

export const UserDetailSchema = UserSchema.extend({ activeSessions: z.number().int() }).meta({
  id: 'UserDetail',
});

export const UserListQuery = z.object({
  q: z.string().max(200).optional(),
  status: z.enum(USER_STATUSES).optional(),
  type: z.enum(USER_TYPES).optional(),
  page: z
    .string()
    .regex(/^[1-9]\d{0,3}$/)
    .optional(),
  ticketRef: TicketRefField,
});

export const UserListSchema = z
  .object({
    items: z.array(UserSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'UserList' });

export const NewUserBody = z
  .object({
    username: z.string().max(254),
    displayName: z.string().max(200),
    userType: z.enum(USER_TYPES),
    role: z.enum(ROLE_NAMES).default('member'),
    contactEmail: z.string().max(254).optional(),
    phone: z.string().max(32).optional(),
    nationalId: z.string().max(40).optional(),
    sendInvite: z.boolean().default(false),
    ticketRef: TicketRefField,
  })
  .strict()
  .meta({ id: 'NewUser' });

export const CreatedUserSchema = UserSchema.extend({ invited: z.boolean() }).meta({ id: 'CreatedUser' });

export const TicketBody = z.object({ ticketRef: TicketRefField }).strict().meta({ id: 'TicketOnly' });

export const ResetLinkAcceptedSchema = z
  .object({
    requestId: z.string(),
    outboxId: z.string(),
    purpose: z.enum(['reset', 'invite']),
    to: z.string(),
    expiresAt: dateTime,
    verified: z.boolean(),
    verificationId: z.string().nullable(),
    deliveryUrl: z.string(),
  })
  .meta({ id: 'ResetLinkAccepted' });

export const SessionsRevokedSchema = z
  .object({ revoked: z.number().int(), verified: z.boolean(), verificationId: z.string().nullable() })
  .meta({ id: 'SessionsRevoked' });

export const DeliveryParams = z.object({ outboxId: id });

export const DeliverySchema = z
  .object({
    outboxId: z.string(),
    channel: z.string().nullable(),
    state: z.enum([
      'queued',
      'sending',
      'retrying',
      'sent',
      'abandoned',
      'expired',
      'untracked',
      'not_queued',
    ]),
    label: z.string(),
    detail: z.string(),
    attempts: z.number().int().nullable(),
  })
  .meta({ id: 'Delivery' });

export const VerifyBody = z
  .object({ channel: z.enum(['email', 'sms']), ticketRef: TicketRefField })
  .strict()
  .meta({ id: 'VerifyCaller' });

export const VerificationSentSchema = z
  .object({
    verificationId: z.string(),
    channel: z.enum(['email', 'sms']),
    to: z.string(),
    codeExpiresAt: dateTime,
    deliveryUrl: z.string(),
  })
  .meta({ id: 'VerificationSent' });

export const ConfirmBody = z
  .object({ code: z.string().regex(/^\d{6}$/, 'must be the 6 digits the caller read back') })
  .strict()
  .meta({ id: 'ConfirmCode' });

export const VerificationConfirmedSchema = z
  .object({ verificationId: z.string(), verified: z.literal(true), validUntil: dateTime.nullable() })
  .meta({ id: 'VerificationConfirmed' });

export const AuditQuery = z.object({
  action: z.string().max(64).optional(),
  actor: id.optional(),
  target: id.optional(),
  ticketRef: z.string().max(TICKET_REF_MAX_LENGTH).optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/)
    .optional(),
  cursor: z.string().max(200).optional(),
});

const AuditEventSchema = z
  .object({
    seq: z.number().int(),
    at: dateTime,
    action: z.string(),
    actorId: z.string().nullable(),
    targetId: z.string().nullable(),
    outcome: z.string(),
    channel: z.string().nullable(),
    ip: z.string(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'AuditEvent' });

export const AuditPageSchema = z
  .object({ items: z.array(AuditEventSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' });
