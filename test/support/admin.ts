import type { NewUser, User } from '../../src/store';
import type { TestApp } from '../web/harness';
import { csrfFrom, FormClient } from './form-client';
import { OTHER_STRONG_PASSWORD, seedUser } from './users';

export const ADMIN_USERNAME = 'grace@example.org';

/** A staff account signed in through the real login form, with the given role. */
export async function signedInStaff(
  testApp: TestApp,
  role: 'admin' | 'helpdesk' | 'member' = 'admin',
  overrides: Partial<NewUser> = {},
): Promise<{ staff: User; client: FormClient }> {
  const staff = await seedUser(testApp, {
    username: `${role}.${ADMIN_USERNAME}`,
    displayName: `Grace ${role}`,
    userType: 'admin_staff',
    roles: [role],
    password: OTHER_STRONG_PASSWORD,
    ...overrides,
  });
  const client = new FormClient(testApp.app);
  const signIn = await client.signIn(staff.username, OTHER_STRONG_PASSWORD);
  if (signIn.status !== 303) throw new Error(`staff sign-in failed with ${signIn.status}`);
  return { staff, client };
}

const HTML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&#34;': '"',
  '&#39;': "'",
};

/** The password shown on the one-click result page, as the admin would read it. */
export function generatedPasswordFrom(html: string): string {
  const match = /data-testid="generated-password">([^<]+)</.exec(html);
  if (!match) throw new Error('no generated password on the page');
  return match[1]!.replace(/&(?:amp|lt|gt|#34|#39);/g, (entity) => HTML_ENTITIES[entity]!);
}

/** Opens a confirmation page and posts its form with every hidden field (CSRF token, one-time nonce). */
export async function confirmAction(client: FormClient, path: string, fields: Record<string, string> = {}) {
  const page = await client.get(path);
  const hidden = Object.fromEntries(
    [...page.text.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
  );
  return client.agent
    .post(path)
    .set('Accept', 'text/html')
    .type('form')
    .send({ ...hidden, ...fields });
}

/** Answers the one-click success dialog of `resultPage`: Confirm with the toggles given (off when absent), or Close. */
export function answerOneClick(
  client: FormClient,
  resultPage: string,
  targetId: string,
  decision: 'confirm' | 'close',
  toggles: { sendEmail?: 'on'; logoutSessions?: 'on' } = {},
) {
  return client.agent
    .post(`/admin/users/${targetId}/reset-password/handover`)
    .set('Accept', 'text/html')
    .type('form')
    .send({ _csrf: csrfFrom(resultPage), decision, ...toggles });
}
