import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { hashLinkToken } from '../reset/secrets';
import type { SecureAccountReason, Store } from '../store';
import { DAY } from '../time';

/** Long enough for a notice read after a holiday; the link can only lock the account, never open it. */
export const SECURE_ACCOUNT_LINK_TTL_MS = 7 * DAY;

export interface SecureAccountLinkDeps {
  store: Pick<Store, 'secureAccountTokens'>;
  clock: Clock;
  /** APP_URL without a trailing slash: every mailed link is built from it, never from a request. */
  appUrl: string;
}

export interface SecureAccountLink {
  /** `APP_URL/secure-account?token=…`: goes into the message only. */
  link: string;
  expiresAt: Date;
}

/**
 * Issues the single-use "this wasn't me" link that a message about the account carries (the
 * password-changed notice, later the caller-verification message). Only the token's SHA-256 is stored:
 * 32 random bytes leave nothing to brute-force.
 */
export function createSecureAccountLinks({ store, clock, appUrl }: SecureAccountLinkDeps) {
  return async function issueSecureAccountLink(
    userId: string,
    reason: SecureAccountReason,
  ): Promise<SecureAccountLink> {
    const token = randomBytes(32).toString('base64url');
    const now = clock();
    const expiresAt = new Date(now.getTime() + SECURE_ACCOUNT_LINK_TTL_MS);
    await store.secureAccountTokens.create(
      { userId, tokenHash: hashLinkToken(token), reason, expiresAt },
      now,
    );
    return { link: `${appUrl}/secure-account?token=${token}`, expiresAt };
  };
}

export type IssueSecureAccountLink = ReturnType<typeof createSecureAccountLinks>;
