import type { User } from '../store';

/**
 * The one status rule: active and pending accounts (pending = invited, first password not chosen yet)
 * may sign in, keep a session, ask for a reset, complete one and be reset or signed out by an admin;
 * suspended and deleted accounts may do none of these.
 */
export function isAccountEligible(user: Pick<User, 'status'>): boolean {
  return user.status === 'active' || user.status === 'pending';
}
