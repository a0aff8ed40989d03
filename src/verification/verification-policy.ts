import { holdsAnyPermission } from '../auth/permissions';
import type { User } from '../store';

/** HELPDESK_VERIFICATION: when an agent must verify the caller before handing over a secret. */
export type VerificationMode = 'required' | 'privileged' | 'optional' | 'off';

/** What one admin reset needs: refused without a verification, recorded either way, or nothing shown. */
export type VerificationNeed = 'required' | 'optional' | 'none';

/**
 * The one rule. Only methods that hand a secret to the caller or let the agent choose one need a
 * verified caller; a reset link (mailed to the user's own address) and signing out never do.
 * `privileged` requires it for accounts holding any permission (help desk, admin): those are the
 * ones an impostor wants.
 */
export function verificationNeed(
  mode: VerificationMode,
  handsOverSecret: boolean,
  target: Pick<User, 'roles'>,
): VerificationNeed {
  if (mode === 'off' || !handsOverSecret) return 'none';
  if (mode === 'required') return 'required';
  if (mode === 'privileged' && holdsAnyPermission(target)) return 'required';
  return 'optional';
}
