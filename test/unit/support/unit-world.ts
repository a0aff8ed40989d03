import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createAuditLog } from '../../../src/audit/audit-log';
import { createRecordPasswordFailure } from '../../../src/auth/password-failures';
import type { PasswordHasher } from '../../../src/auth/password-hashing';
import { createPasswordPolicy } from '../../../src/auth/password-policy';
import { createReplacePassword } from '../../../src/auth/replace-password';
import { configFrom } from '../../../src/config';
import { createLocalization } from '../../../src/i18n/localization';
import type { MailQueue, QueueOptions } from '../../../src/outbox/mail-queue';
import type { OutboxMessage } from '../../../src/outbox/outbox-message';
import { createResetSecrets } from '../../../src/reset/secrets';
import type { AuditFilter, NewUser, ResetPurpose, User } from '../../../src/store';
import { openSqliteStore } from '../../../src/store/sqlite';

const T0 = new Date('2100-01-01T09:00:00.000Z');
export const CONTEXT = { ip: '203.0.113.9', userAgent: 'unit-test' };
export const ADA = 'ada@example.org';
export const OLD_PASSWORD = 'Velvet-Orbit-42-Canyon!';
export const NEW_PASSWORD = 'Copper-Lagoon-58-Maple!';

/** argon2 has its own tests; a readable stand-in keeps every use-case test in milliseconds. */
const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (hash, password) => hash === `plain:${password}`,
  needsRehash: () => false,
};

/** zxcvbn has its own tests; here a password is strong exactly when it has 12 characters or more. */
const strengthByLength = async (password: string) => (password.length >= 12 ? 4 : 0);

interface QueuedMessage {
  id: string;
  message: OutboxMessage;
  options: QueueOptions;
}

/** Keeps what the use cases hand to the outbox, so tests read the mail instead of running a worker. */
function createRecordingQueue() {
  const queued: QueuedMessage[] = [];
  let count = 0;
  const queue: MailQueue = {
    async queue(message: OutboxMessage, options = {}) {
      const id = `outbox-${++count}`;
      queued.push({ id, message, options });
      return id;
    },
  };
  return { queue, queued };
}

/** The link token and code an email carries. */
export function secretsIn(message: OutboxMessage): { token: string; code: string } {
  const text = message.channel === 'email' ? message.text : message.body;
  const token = /\/reset\?token=([\w-]+)/.exec(text)?.[1];
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!token || !code) throw new Error(`no link and code in:\n${text}`);
  return { token, code };
}

/**
 * A real in-memory SQLite store, a clock the test moves, real audit log, policy and password writer;
 * fakes only for hashing, strength scoring, the outbox and the "password changed" notice.
 */
export function createUnitWorld(env: Record<string, string> = {}) {
  const config = configFrom({
    NODE_ENV: 'test',
    DATA_DIR: join(tmpdir(), 'resetdesk-unit-no-files'),
    APP_URL: 'https://desk.example.org',
    SESSION_SECRET: 'unit-session-secret-0123456789abcdefghij',
    TOKEN_PEPPER: 'unit-token-pepper-0123456789abcdefghijkl',
    OUTBOX_KEY: 'unit-outbox-key-0123456789abcdefghijklmn',
    ...env,
  });
  const store = openSqliteStore(':memory:');
  let now = T0;
  const clock = () => now;
  const audit = createAuditLog(store.audit, clock);
  const outbox = createRecordingQueue();
  const notices: { userId: string; by: 'self' | 'admin' }[] = [];
  const core = { store, hasher: plainHasher, audit, clock };
  const replacePassword = createReplacePassword({
    ...core,
    historySize: config.passwordHistory,
    temporaryPasswordTtlMs: config.admin.tempPasswordTtlMs,
    notifyPasswordChanged: async (user, _context, by = 'self') => {
      notices.push({ userId: user.id, by });
    },
  });
  const secrets = createResetSecrets(config.tokenPepper);
  let sessions = 0;

  return {
    ...core,
    config,
    secrets,
    localization: createLocalization(config.localization),
    mailQueue: outbox.queue,
    queued: outbox.queued,
    notices,
    replacePassword,
    policy: createPasswordPolicy({
      rules: config.passwordRules,
      historySize: config.passwordHistory,
      hasher: plainHasher,
      estimateStrength: strengthByLength,
      bundledBreachedList: () => ({ size: 0, includes: () => false }),
      breachCorpus: { lookup: async () => 'clear' },
      orgName: null,
    }),
    recordPasswordFailure: createRecordPasswordFailure({ store, audit, lockout: config.lockout }),
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },

    async seedUser(overrides: Partial<NewUser> & { password?: string | null } = {}): Promise<User> {
      const { password = OLD_PASSWORD, ...fields } = overrides;
      const created = await store.users.create(
        {
          username: ADA,
          displayName: 'Ada Lovelace',
          userType: 'employee',
          status: 'active',
          roles: ['member'],
          passwordHash: password === null ? null : await plainHasher.hash(password),
          ...fields,
        },
        now,
      );
      if (!created.ok) throw new Error(created.error);
      return created.user;
    },

    async reload(user: User): Promise<User> {
      return (await store.users.findById(user.id))!;
    },

    /** A session row as express-session would store it; returns its id. */
    async signIn(user: User): Promise<string> {
      const sid = `sid-${++sessions}`;
      const expiresAt = new Date(now.getTime() + 3_600_000);
      const data = JSON.stringify({ userId: user.id, sessionVersion: user.sessionVersion });
      await store.sessions.set({
        sid,
        userId: user.id,
        data,
        expiresAt,
        createdAt: now,
        lastSeenAt: now,
        ...CONTEXT,
      });
      return sid;
    },

    async sessionIds(user: User): Promise<string[]> {
      return (await store.sessions.listByUser(user.id, now)).map((session) => session.sid);
    },

    /** An open request as the issuer stores it, with the secrets its email would carry. */
    async openRequest(user: Pick<User, 'id'>, purpose: ResetPurpose = 'reset') {
      const issued = secrets.issue();
      const request = await store.resetRequests.create(
        {
          userId: user.id,
          tokenHash: issued.tokenHash,
          codeHash: issued.codeHash,
          purpose,
          requestedBy: null,
          ...CONTEXT,
          outboxId: null,
          expiresAt: new Date(now.getTime() + config.reset.ttlMs),
          maxAttempts: config.reset.codeAttempts,
        },
        now,
      );
      return { request, code: issued.code, tokenHash: issued.tokenHash };
    },

    async auditEvents(filter: AuditFilter = {}) {
      return (await store.audit.list(filter, 1, 100)).items;
    },

    close: () => store.close(),
  };
}

export type UnitWorld = ReturnType<typeof createUnitWorld>;
