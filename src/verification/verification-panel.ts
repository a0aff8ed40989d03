import { hasPermission } from '../auth/permissions';
import type { CallerVerification, CodeChannel, User } from '../store';
import { formatUtc } from '../time-format';
import { maskPhone } from '../admin/masking';
import { channelRefusal, type CallerVerificationService } from './caller-verification';
import { CHANNEL_LABELS, VERIFICATION_MESSAGES } from './verification-messages';

export interface VerificationPanelConfig {
  verification: { mode: string };
  sms: { deliverable: boolean };
}

function describeChannel(channel: CodeChannel, target: User, smsDeliverable: boolean) {
  const refusal = channelRefusal(channel, target, smsDeliverable);
  const to = channel === 'email' ? target.username : (maskPhone(target.phone) ?? '');
  return {
    value: channel,
    label: channel === 'email' ? `Email to ${to}` : `Text message to ${to}`,
    unavailable: refusal && VERIFICATION_MESSAGES[refusal],
  };
}

function describeVerified(verification: CallerVerification, agent: User) {
  return {
    text: VERIFICATION_MESSAGES.verified(
      agent.displayName,
      verification.channel,
      formatUtc(verification.verifiedAt),
    ),
    until: VERIFICATION_MESSAGES.verified_until(formatUtc(verification.validUntil)),
    note: verification.note,
  };
}

function describePending(verification: CallerVerification) {
  return {
    channel: CHANNEL_LABELS[verification.channel],
    sentAt: formatUtc(verification.createdAt),
    expiresAt: formatUtc(verification.codeExpiresAt),
    attemptsLeft: verification.maxAttempts - verification.failedAttempts,
  };
}

/**
 * The caller-verification step as the user page and the verify page show it to this agent: their own
 * verification of the account (verified, or waiting for its code), the channels a code can take, and
 * whether they may record an in-person check. Null when verification is off.
 */
export async function describeVerificationPanel(
  callerVerification: Pick<CallerVerificationService, 'currentFor' | 'refusal'>,
  agent: User,
  target: User,
  config: VerificationPanelConfig,
) {
  if (config.verification.mode === 'off' || !hasPermission(agent, 'users:reset')) return null;
  const refusal = callerVerification.refusal(agent, target);
  const { valid, pending } = await callerVerification.currentFor(agent, target);
  return {
    href: `/admin/users/${encodeURIComponent(target.id)}/verify`,
    blocked: refusal && VERIFICATION_MESSAGES[refusal],
    verified: valid && describeVerified(valid, agent),
    pending: pending && describePending(pending),
    channels: (['email', 'sms'] as const).map((channel) =>
      describeChannel(channel, target, config.sms.deliverable),
    ),
    canVerifyInPerson: hasPermission(agent, 'users:verify-in-person'),
  };
}

export type VerificationPanel = NonNullable<Awaited<ReturnType<typeof describeVerificationPanel>>>;
