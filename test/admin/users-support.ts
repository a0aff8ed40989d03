import type { NewUser, RoleName, User } from '../../src/store';
import { FormClient } from '../support/form-client';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import type { TestApp } from '../web/harness';

/** A signed-in browser for a new account with the given role. */
export async function signInAs(
  testApp: TestApp,
  role: RoleName,
  overrides: Partial<NewUser> = {},
): Promise<{ client: FormClient; user: User }> {
  const user = await seedUser(testApp, {
    username: `${role}@staff.example.org`,
    displayName: `${role[0]!.toUpperCase()}${role.slice(1)} Person`,
    userType: 'admin_staff',
    roles: [role],
    ...overrides,
  });
  const client = new FormClient(testApp.app);
  const signedIn = await client.signIn(user.username, STRONG_PASSWORD);
  if (signedIn.status !== 303) throw new Error(`sign-in failed with ${signedIn.status}`);
  return { client, user };
}

/** A user written straight into the store, without a password (fast: no argon2). */
export async function addUser(testApp: TestApp, overrides: Partial<NewUser> = {}): Promise<User> {
  const result = await testApp.store.users.create(
    {
      username: 'someone@example.org',
      displayName: 'Some One',
      userType: 'employee',
      status: 'active',
      roles: ['member'],
      ...overrides,
    },
    new Date(),
  );
  if (!result.ok) throw new Error(result.error);
  return result.user;
}

/** The data-user-id of each row of a users list page, in order. */
export function listedIds(html: string): string[] {
  return [...html.matchAll(/<tr data-user-id="([^"]+)"/g)].map((match) => match[1]!);
}

/** The hidden CSRF value a page carries, for posting hand-made bodies (JSON, arrays). */
export function csrfOf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
}
