import type { DemoServer } from '../../scripts/lib/demo-server';

export type Role = 'visitor' | 'admin' | 'helpdesk' | 'member';
export const USERNAMES: Record<Exclude<Role, 'visitor'>, string> = {
  admin: 'admin@example.org',
  helpdesk: 'helpdesk@example.org',
  member: 'alan.turing@example.org',
};

export interface PageIds {
  alan: string;
  outboxId: string;
  mailId: string;
}

/** Every page of docs/architecture.md's route tables that answers a GET with a page, with who sees it. */
export const PAGES: readonly {
  role: Role;
  path: (ids: PageIds) => string;
  status?: number;
  dialog?: string;
}[] = [
  { role: 'visitor', path: () => '/' },
  { role: 'visitor', path: () => '/login' },
  { role: 'visitor', path: () => '/setup', status: 404 },
  { role: 'visitor', path: () => '/forgot' },
  { role: 'visitor', path: () => '/reset' },
  { role: 'visitor', path: () => `/reset?token=${'A'.repeat(43)}`, status: 400 },
  { role: 'visitor', path: () => `/secure-account?token=${'A'.repeat(43)}`, status: 400 },
  { role: 'visitor', path: () => '/no-such-page', status: 404 },
  { role: 'member', path: () => '/' },
  { role: 'member', path: () => '/account' },
  { role: 'member', path: () => '/account/password' },
  { role: 'member', path: () => '/account/sessions' },
  { role: 'member', path: () => '/admin/users', status: 403 },
  { role: 'helpdesk', path: () => '/' },
  { role: 'helpdesk', path: () => '/admin/users' },
  { role: 'helpdesk', path: (ids) => `/admin/users/${ids.alan}` },
  { role: 'admin', path: () => '/' },
  { role: 'admin', path: () => '/admin/users' },
  { role: 'admin', path: () => '/admin/users?q=nobody-matches-this' },
  { role: 'admin', path: () => '/admin/users/new' },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}` },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}`, dialog: 'reset-link' },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}`, dialog: 'sessions-revoke' },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}/edit` },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}/verify` },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}/reset-link` },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}/reset-password` },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}/temp-password-sms` },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}/password` },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}/sessions/revoke` },
  { role: 'admin', path: (ids) => `/admin/users/${ids.alan}/deliveries/${ids.outboxId}` },
  { role: 'admin', path: () => '/admin/audit' },
  { role: 'admin', path: () => '/admin/audit?q=password&category=resets' },
  { role: 'admin', path: () => '/admin/api-tokens' },
  { role: 'admin', path: () => '/admin/webhooks' },
  { role: 'admin', path: () => '/dev/mailbox' },
  { role: 'admin', path: (ids) => `/dev/mailbox/${ids.mailId}` },
];

/** The demo's ids the page paths need: Alan's account, the reset mail queued for him, a mailbox entry. */
export async function findPageIds(demo: DemoServer): Promise<PageIds> {
  const alan = (await demo.store.users.findByUsername(USERNAMES.member))!;
  const resets = await demo.store.audit.list({ action: 'reset.requested', targetId: alan.id }, 1, 1);
  const outboxId = String(resets.items[0]!.details.outboxId);
  // The worker delivers the seeded mail into the development mailbox within a few polls.
  let mailId = '';
  for (let attempt = 0; attempt < 100 && !mailId; attempt++) {
    const mail = await fetch(`${demo.baseUrl}/dev/mailbox`).then((response) => response.text());
    mailId = /href="\/dev\/mailbox\/([0-9a-f-]{36})"/.exec(mail)?.[1] ?? '';
    if (!mailId) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { alan: alan.id, outboxId, mailId };
}
