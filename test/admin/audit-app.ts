import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/clock';
import type { RoleName, User } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import { FormClient } from '../support/form-client';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

/** A real app on a real SQLite file, so a test can also edit the file behind the app's back. */
export interface AuditTestApp extends TestApp {
  sqlitePath: string;
}

export function buildAuditTestApp(options: { clock?: Clock } = {}): AuditTestApp {
  const dir = mkdtempSync(join(tmpdir(), 'resetdesk-audit-'));
  const sqlitePath = join(dir, 'resetdesk.db');
  const testApp = buildTestApp({ store: openSqliteStore(sqlitePath), ...options });
  return {
    ...testApp,
    sqlitePath,
    async close() {
      await testApp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const STAFF: Record<RoleName, { username: string; displayName: string }> = {
  admin: { username: 'grace@example.org', displayName: 'Grace Hopper' },
  helpdesk: { username: 'hedy@example.org', displayName: 'Hedy Lamarr' },
  member: { username: 'ada@example.org', displayName: 'Ada Lovelace' },
};

/** Seeds the role's user (once per app) and returns a client signed in as them. */
export async function signInAs(
  testApp: TestApp,
  role: RoleName,
): Promise<{ client: FormClient; user: User }> {
  const { username, displayName } = STAFF[role];
  const user =
    (await testApp.store.users.findByUsername(username)) ??
    (await seedUser(testApp, { username, displayName, roles: [role] }));
  const client = new FormClient(testApp.app);
  const response = await client.signIn(username, STRONG_PASSWORD);
  if (response.status !== 303) throw new Error(`sign-in as ${role} failed with ${response.status}`);
  return { client, user };
}
