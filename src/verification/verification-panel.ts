import { hasPermission } from '../auth/permissions';
import type { Localized } from '../i18n/localization';
import type { CallerVerification, CodeChannel, User } from '../store';
import { maskPhone } from '../admin/masking';
import { channelRefusal, type CallerVerificationService } from './caller-verification';
import { CHANNEL_LABELS, VERIFICATION_MESSAGES, VERIFIED_MESSAGES } from './verification-messages';

export interface VerificationPanelConfig {
  verification: { mode: string };
  sms: { deliverable: boolean };
}

function describeChannel(channel: CodeChannel, target: User, smsDeliverable: boolean, viewer: Localized) {
  const refusal = channelRefusal(channel, target, smsDeliverable);
  const to = channel === 'email' ? target.username : (maskPhone(target.phone) ?? '');
  return {
    value: channel,
    label:
      channel === 'email'
        ? viewer.t('verification:panel.email_to', { to })
        : viewer.t('verification:panel.sms_to', { to }),
    unavailable: refusal && viewer.t(VERIFICATION_MESSAGES[refusal]),
  };
}

function describeVerified(verification: CallerVerification, agent: User, viewer: Localized) {
  return {
    text: viewer.t(VERIFIED_MESSAGES[verification.channel], {
      agent: agent.displayName,
      at: viewer.formatDateTime(verification.verifiedAt),
    }),
    until: viewer.t(VERIFICATION_MESSAGES.verified_until, {
      until: viewer.formatDateTime(verification.validUntil),
    }),
    note: verification.note,
  };
}

function describePending(verification: CallerVerification, viewer: Localized) {
  return {
    channel: viewer.t(CHANNEL_LABELS[verification.channel]),
    sentAt: viewer.formatDateTime(verification.createdAt),
    expiresAt: viewer.formatDateTime(verification.codeExpiresAt),
    attemptsLeft: verification.maxAttempts - verification.failedAttempts,
  };
}

/**
 * The caller-verification step as the user page and the verify page show it to this agent, in the
 * agent's language (`viewer`, the request's): their own verification of the account (verified, or
 * waiting for its code), the channels a code can take, and whether they may record an in-person check.
 * Null when verification is off.
 */
export async function describeVerificationPanel(
  callerVerification: Pick<CallerVerificationService, 'currentFor' | 'refusal'>,
  agent: User,
  target: User,
  config: VerificationPanelConfig,
  viewer: Localized,
) {
  if (config.verification.mode === 'off' || !hasPermission(agent, 'users:reset')) return null;
  const refusal = callerVerification.refusal(agent, target);
  const { valid, pending } = await callerVerification.currentFor(agent, target);
  return {
    href: `/admin/users/${encodeURIComponent(target.id)}/verify`,
    blocked: refusal && viewer.t(VERIFICATION_MESSAGES[refusal]),
    verified: valid && describeVerified(valid, agent, viewer),
    pending: pending && describePending(pending, viewer),
    channels: (['email', 'sms'] as const).map((channel) =>
      describeChannel(channel, target, config.sms.deliverable, viewer),
    ),
    canVerifyInPerson: hasPermission(agent, 'users:verify-in-person'),
  };
}

export type VerificationPanel = NonNullable<Awaited<ReturnType<typeof describeVerificationPanel>>>;
