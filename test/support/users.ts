import type { NewUser, User } from '../../src/store';
import type { TestApp } from '../web/harness';

export const STRONG_PASSWORD = 'Velvet-Orbit-42-Canyon!';
export const OTHER_STRONG_PASSWORD = 'Amber-Fjord-77-Tulip!';

/** Creates a user straight through the store, with a real argon2id hash. */
export async function seedUser(
  testApp: TestApp,
  overrides: Partial<NewUser> & { password?: string } = {},
): Promise<User> {
  const { password = STRONG_PASSWORD, ...fields } = overrides;
  const result = await testApp.store.users.create(
    {
      username: 'ada@example.org',
      displayName: 'Ada Lovelace',
      userType: 'employee',
      status: 'active',
      roles: ['member'],
      passwordHash: await testApp.services.hasher.hash(password),
      ...fields,
    },
    new Date(),
  );
  if (!result.ok) throw new Error(result.error);
  return result.user;
}
