/**
 * Actions the app writes, offered as suggestions by the audit filter (any exact action can still be
 * typed). test/audit/audit-actions.test.ts fails when a new `action: '…'` in src is missing here.
 */
export const KNOWN_AUDIT_ACTIONS = [
  'account.locked',
  'authorization.refused',
  'invite.sent',
  'mail.expired',
  'mail.failed',
  'mail.retry',
  'mail.sent',
  'password.change_failed',
  'password.changed',
  'password.set_by_admin',
  'reset.code_failed',
  'reset.completed',
  'reset.request_killed',
  'reset.requested',
  'sessions.revoked',
  'setup.completed',
  'signin.failed',
  'signin.refused',
  'signin.succeeded',
  'sms.expired',
  'sms.failed',
  'sms.queued',
  'sms.retry',
  'sms.sent',
  'user.created',
  'user.updated',
] as const;
