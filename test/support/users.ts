import type { NewUser, User } from '../../src/store';
import type { TestApp } from '../web/harness';

export const STRONG_PASSWORD = 'Velvet-Orbit-42-Canyon!';
export const OTHER_STRONG_PASSWORD = 'Amber-Fjord-77-Tulip!';
export const NEW_PASSWORD = 'Copper-Lagoon-58-Maple!';

/** Every test app checks on close that none of these, nor a reset link, reached its logs. */
export const SHARED_TEST_PASSWORDS = [STRONG_PASSWORD, OTHER_STRONG_PASSWORD, NEW_PASSWORD];

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
