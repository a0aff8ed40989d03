import { USER_STATUS_LABELS } from '../auth/user-labels';
import type { User } from '../store';
import { plural } from '../plural';
import { HOUR } from '../time';
import type { UpdateUserResult } from './update-user';

export const USERNAME_TAKEN =
  'This username is already in use by another account. Search for it on the Users page.';

const FIELD_LABELS: Record<string, string> = {
  username: 'username',
  displayName: 'name',
  userType: 'user type',
  contactEmail: 'contact email',
  phone: 'phone',
  nationalId: 'national ID',
  roles: 'role',
  status: 'status',
};

export function createdMessage(user: User, invited: boolean, inviteTtlMs: number): string {
  const created = `Created ${user.displayName} (pending).`;
  if (!invited) {
    return `${created} No invitation was sent: use More options → Send reset link when they are ready.`;
  }
  const hours = Math.round(inviteTtlMs / HOUR);
  return `${created} An invitation is on its way to ${user.username}; its link and code work for ${hours} hours.`;
}

export function savedMessage(result: Extract<UpdateUserResult, { ok: true }>): string {
  if (result.changed.length === 0) return 'Nothing changed.';
  const parts = [`Saved ${result.changed.map((field) => FIELD_LABELS[field] ?? field).join(', ')}.`];
  if (result.changed.includes('status')) {
    parts.push(`The account is now ${USER_STATUS_LABELS[result.user.status].toLowerCase()}.`);
  }
  if (result.revokedSessions !== null) {
    parts.push(`Signed out ${plural(result.revokedSessions, 'session')}.`);
  }
  if (result.voidedRequests > 0) parts.push('Open reset and invitation links were cancelled.');
  return parts.join(' ');
}
