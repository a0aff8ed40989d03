import type { SecureAccountResult } from './secure-account';

type SecureAccountError = Extract<SecureAccountResult, { ok: false }>['error'];

/**
 * Every user-facing text of the "this wasn't me" pages, keyed by the use case's error codes; routes look
 * texts up here, tests assert on the codes and these texts.
 */
export const SECURE_ACCOUNT_MESSAGES: Record<SecureAccountError, string> = {
  link_invalid:
    'This link is no longer valid: it may have expired or been used already. If you think someone else is using your account, contact the help desk.',
};
