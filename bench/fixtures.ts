import Database from 'better-sqlite3';
import type { PasswordHasher } from '../src/auth/password-hashing';
import type { MailQueue } from '../src/outbox/mail-queue';
import type { ResetSecrets } from '../src/reset/secrets';
import type { Store } from '../src/store';

export const BENCH_PASSWORD = 'Velvet-Orbit-42-Canyon!';
export const NEW_PASSWORD = 'Copper-Lagoon-58-Maple!';
const RESET_TTL_MS = 60 * 60_000;

export const memberName = (i: number) => `member${i}@example.org`;
export const resetterName = (i: number) => `resetter${i}@example.org`;
export const unknownName = (i: number) => `ghost${i}@example.org`;

export interface SeededUser {
  id: string;
  username: string;
}

/** Active employees with one real argon2id hash of BENCH_PASSWORD (hashed once: seeding is not measured). */
export async function seedUsers(
  store: Store,
  hasher: PasswordHasher,
  count: number,
  name: (i: number) => string,
): Promise<SeededUser[]> {
  const passwordHash = await hasher.hash(BENCH_PASSWORD);
  const users: SeededUser[] = [];
  for (let i = 0; i < count; i++) {
    const created = await store.users.create(
      {
        username: name(i),
        displayName: `Bench User ${i}`,
        userType: 'employee',
        status: 'active',
        roles: ['member'],
        passwordHash,
      },
      new Date(),
    );
    if (!created.ok) throw new Error(`could not seed ${name(i)}: ${created.error}`);
    users.push({ id: created.user.id, username: created.user.username });
  }
  return users;
}

export interface PreparedReset {
  token: string;
  code: string;
}

/** One open reset request per user, written straight into the store as the mail would have carried it. */
export async function prepareResetRequests(
  store: Store,
  secrets: ResetSecrets,
  users: readonly SeededUser[],
): Promise<PreparedReset[]> {
  const prepared: PreparedReset[] = [];
  for (const user of users) {
    const issued = secrets.issue();
    const now = new Date();
    await store.resetRequests.create(
      {
        userId: user.id,
        tokenHash: issued.tokenHash,
        codeHash: issued.codeHash,
        purpose: 'reset',
        requestedBy: null,
        ip: '127.0.0.1',
        userAgent: 'resetdesk-bench',
        outboxId: null,
        expiresAt: new Date(now.getTime() + RESET_TTL_MS),
        maxAttempts: 5,
      },
      now,
    );
    prepared.push({ token: issued.token, code: issued.code });
  }
  return prepared;
}

/** Queues `count` ordinary emails through the real queue (validated, encrypted) for the server's worker. */
export async function enqueueMails(mailQueue: MailQueue, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await mailQueue.queue({
      channel: 'email',
      to: `outbox${i}@example.org`,
      subject: 'ResetDesk bench message',
      text: `Bench message ${i}.`,
      html: `<p>Bench message ${i}.</p>`,
      userId: null,
      kind: 'bench',
    });
  }
}

/**
 * Counts the messages still waiting in the outbox. The port has no count (the app never needs one),
 * so the bench reads the SQLite file directly, through a read-only connection of its own.
 */
export function openQueuedMailCounter(sqlitePath: string) {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  const query = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'queued'");
  return {
    count: () => query.get()!.n,
    close: () => db.close(),
  };
}

/** Rows in every table of the store file, through a read-only connection of the bench's own. */
export function countStoreRows(sqlitePath: string): Record<string, number> {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name);
    const count = (table: string) =>
      db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${table}"`).get()!.n;
    return Object.fromEntries(tables.map((table) => [table, count(table)]));
  } finally {
    db.close();
  }
}
