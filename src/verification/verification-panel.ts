import { hasPermission } from '../auth/permissions';
import type { Localized, Translate } from '../i18n/localization';
import type { CallerVerification, CodeChannel, User, VerificationChannel } from '../store';
import { maskPhone } from '../admin/masking';
import { channelRefusal, type CallerVerificationService } from './caller-verification';
import type { VerificationRefusal } from './verification-messages';

export interface VerificationPanelConfig {
  verification: { mode: string };
  sms: { deliverable: boolean };
}

/** The panel's own texts (the `admin` catalog), so the user page does not depend on the verify page's. */
const PANEL_REFUSALS: Record<VerificationRefusal, string> = {
  turned_off: 'admin:verification_panel.refusals.turned_off',
  own_account: 'admin:verification_panel.refusals.own_account',
  more_privileges: 'admin:verification_panel.refusals.more_privileges',
  account_ineligible: 'admin:verification_panel.refusals.account_ineligible',
  email_unavailable: 'admin:verification_panel.refusals.email_unavailable',
  sms_unavailable: 'admin:verification_panel.refusals.sms_unavailable',
  in_person_not_allowed: 'admin:verification_panel.refusals.in_person_not_allowed',
};

const CHANNEL_NAMES: Record<VerificationChannel, string> = {
  email: 'admin:verification_panel.channels.email',
  sms: 'admin:verification_panel.channels.sms',
  in_person: 'admin:verification_panel.channels.in_person',
};

function describeChannel(channel: CodeChannel, target: User, smsDeliverable: boolean, t: Translate) {
  const refusal = channelRefusal(channel, target, smsDeliverable);
  const to = channel === 'email' ? target.username : (maskPhone(target.phone) ?? '');
  return {
    value: channel,
    label:
      channel === 'email'
        ? t('admin:verification_panel.email_to', { to })
        : t('admin:verification_panel.sms_to', { to }),
    unavailable: refusal && t(PANEL_REFUSALS[refusal]),
  };
}

function describeVerified(verification: CallerVerification, agent: User, { t, formatDateTime }: Localized) {
  return {
    text: t('admin:verification_panel.verified', {
      agent: agent.displayName,
      channel: t(CHANNEL_NAMES[verification.channel]),
      at: formatDateTime(verification.verifiedAt),
    }),
    until: t('admin:verification_panel.verified_until', { until: formatDateTime(verification.validUntil) }),
    note: verification.note,
  };
}

function describePending(verification: CallerVerification, { t, formatDateTime }: Localized) {
  return {
    channel: t(CHANNEL_NAMES[verification.channel]),
    sentAt: formatDateTime(verification.createdAt),
    expiresAt: formatDateTime(verification.codeExpiresAt),
    attemptsLeft: verification.maxAttempts - verification.failedAttempts,
  };
}

/**
 * The caller-verification step as the user page and the verify page show it to this agent: their own
 * verification of the account (verified, or waiting for its code), the channels a code can take, and
 * whether they may record an in-person check. Null when verification is off. Texts are in the viewer's
 * language (`localized`).
 */
export async function describeVerificationPanel(
  callerVerification: Pick<CallerVerificationService, 'currentFor' | 'refusal'>,
  agent: User,
  target: User,
  config: VerificationPanelConfig,
  localized: Localized,
) {
  if (config.verification.mode === 'off' || !hasPermission(agent, 'users:reset')) return null;
  const { t } = localized;
  const refusal = callerVerification.refusal(agent, target);
  const { valid, pending } = await callerVerification.currentFor(agent, target);
  return {
    href: `/admin/users/${encodeURIComponent(target.id)}/verify`,
    blocked: refusal && t(PANEL_REFUSALS[refusal]),
    verified: valid && describeVerified(valid, agent, localized),
    pending: pending && describePending(pending, localized),
    channels: (['email', 'sms'] as const).map((channel) =>
      describeChannel(channel, target, config.sms.deliverable, t),
    ),
    canVerifyInPerson: hasPermission(agent, 'users:verify-in-person'),
  };
}

export type VerificationPanel = NonNullable<Awaited<ReturnType<typeof describeVerificationPanel>>>;
