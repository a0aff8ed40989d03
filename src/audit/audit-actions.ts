/**
 * Every action the app and its scripts write. An audit entry's action must be one of these (tsc
 * refuses any other), and the audit filter offers them as suggestions (any exact action can still be
 * typed there). test/audit/audit-actions.test.ts also scans src/ and scripts/ for `action: '…'`.
 */
export const KNOWN_AUDIT_ACTIONS = [
  'account.locked',
  'account.secured_by_user',
  'admin.created_by_script',
  'api_token.created',
  'api_token.revoked',
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
  'user.created_by_script',
  'user.updated',
  'verification.failed',
  'verification.in_person',
  'verification.sent',
  'verification.succeeded',
] as const;

export type AuditAction = (typeof KNOWN_AUDIT_ACTIONS)[number];
