import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type {
  NewUser,
  PasswordChange,
  ProfilePatch,
  RoleName,
  User,
  UserRepository,
  UserSearch,
  UserSortKey,
  UserStatus,
  UserType,
  UserWriteResult,
} from '../users';
import { isUniqueViolation, toDate, toMillis } from './columns';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  contact_email: string | null;
  phone: string | null;
  user_type: string;
  national_id: string | null;
  status: string;
  roles: string;
  password_hash: string | null;
  password_history: string;
  must_change_password: number;
  password_expires_at: number | null;
  failed_sign_ins: number;
  locked_until: number | null;
  session_version: number;
  created_at: number;
  updated_at: number;
  last_sign_in_at: number | null;
  locale: string | null;
  time_zone: string | null;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    contactEmail: row.contact_email,
    phone: row.phone,
    userType: row.user_type as UserType,
    nationalId: row.national_id,
    status: row.status as UserStatus,
    roles: JSON.parse(row.roles) as RoleName[],
    passwordHash: row.password_hash,
    passwordHistory: JSON.parse(row.password_history) as string[],
    mustChangePassword: row.must_change_password === 1,
    passwordExpiresAt: toDate(row.password_expires_at),
    failedSignIns: row.failed_sign_ins,
    lockedUntil: toDate(row.locked_until),
    sessionVersion: row.session_version,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    lastSignInAt: toDate(row.last_sign_in_at),
    locale: row.locale,
    timeZone: row.time_zone,
  };
}

const SORT_COLUMNS: Record<UserSortKey, string> = {
  username: 'username',
  displayName: 'display_name',
  createdAt: 'created_at',
  lastSignInAt: 'last_sign_in_at',
};

const PROFILE_COLUMNS: Record<keyof ProfilePatch, string> = {
  username: 'username',
  displayName: 'display_name',
  contactEmail: 'contact_email',
  phone: 'phone',
  userType: 'user_type',
  nationalId: 'national_id',
  roles: 'roles',
  locale: 'locale',
  timeZone: 'time_zone',
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (match) => `\\${match}`);
}

export function createUserRepository(db: Database): UserRepository {
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byUsername = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  // One row whether or not the name exists (its columns null when not), so both cost alike.
  const statusByUsername = db.prepare<[string], { id: string | null; status: string | null }>(
    'SELECT user.id, user.status FROM (SELECT 1) LEFT JOIN users AS user ON user.username = ?',
  );
  const insert = db.prepare(`
    INSERT INTO users (id, username, display_name, contact_email, phone, user_type, national_id, status, roles,
      password_hash, must_change_password, created_at, updated_at)
    VALUES (@id, @username, @displayName, @contactEmail, @phone, @userType, @nationalId, @status, @roles,
      @passwordHash, @mustChangePassword, @now, @now)`);
  const writePassword = db.prepare(`
    UPDATE users SET password_hash = @hash, password_history = @history, must_change_password = @mustChange,
      password_expires_at = @expiresAt, failed_sign_ins = 0, locked_until = NULL,
      session_version = session_version + @bump, updated_at = @now
    WHERE id = @id`);
  const failSignIn = db.prepare<{ id: string; max: number; lockUntil: number; now: number }, SignInRow>(`
    UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
      locked_until = CASE WHEN failed_sign_ins + 1 >= @max THEN @lockUntil ELSE locked_until END,
      updated_at = @now
    WHERE id = @id RETURNING failed_sign_ins, locked_until`);
  const bumpVersion = db.prepare<{ id: string; now: number }, { session_version: number }>(
    'UPDATE users SET session_version = session_version + 1, updated_at = @now WHERE id = @id RETURNING session_version',
  );

  const findById = (id: string): User | null => {
    const row = byId.get(id);
    return row ? toUser(row) : null;
  };

  const changePassword = db.transaction((id: string, change: PasswordChange, now: Date): User | null => {
    const current = byId.get(id);
    if (!current) return null;
    const previous = current.password_hash ? [current.password_hash] : [];
    const history = [...previous, ...(JSON.parse(current.password_history) as string[])].slice(
      0,
      change.historySize,
    );
    writePassword.run({
      id,
      hash: change.hash,
      history: JSON.stringify(history),
      mustChange: change.mustChangePassword ? 1 : 0,
      expiresAt: toMillis(change.passwordExpiresAt),
      bump: change.revokeSessions ? 1 : 0,
      now: now.getTime(),
    });
    return findById(id);
  });

  return {
    async create(user: NewUser, now: Date): Promise<UserWriteResult> {
      const id = newId();
      try {
        insert.run({
          id,
          username: user.username,
          displayName: user.displayName,
          contactEmail: user.contactEmail ?? null,
          phone: user.phone ?? null,
          userType: user.userType,
          nationalId: user.nationalId ?? null,
          status: user.status,
          roles: JSON.stringify(user.roles),
          passwordHash: user.passwordHash ?? null,
          mustChangePassword: user.mustChangePassword ? 1 : 0,
          now: now.getTime(),
        });
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, error: 'username_taken' };
        throw error;
      }
      return { ok: true, user: findById(id)! };
    },

    async findById(id) {
      return findById(id);
    },

    async findByUsername(normalizedUsername) {
      const row = byUsername.get(normalizedUsername);
      return row ? toUser(row) : null;
    },

    async findStatusByUsername(normalizedUsername) {
      const { id, status } = statusByUsername.get(normalizedUsername)!;
      return id === null ? null : { id, status: status as UserStatus };
    },

    async search(search: UserSearch) {
      const conditions: string[] = [];
      const params: Record<string, string | number> = {};
      if (search.query) {
        conditions.push(
          `(id = @query OR username LIKE @like ESCAPE '\\' OR contact_email LIKE @like ESCAPE '\\'
            OR display_name LIKE @like ESCAPE '\\')`,
        );
        params.query = search.query;
        params.like = `%${escapeLike(search.query)}%`;
      }
      if (search.status) {
        conditions.push('status = @status');
        params.status = search.status;
      }
      if (search.userType) {
        conditions.push('user_type = @userType');
        params.userType = search.userType;
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const direction = search.descending ? 'DESC' : 'ASC';
      const order = `${SORT_COLUMNS[search.sort ?? 'username']} ${direction}, id ${direction}`;
      const { total } = db.prepare(`SELECT COUNT(*) AS total FROM users ${where}`).get(params) as {
        total: number;
      };
      const rows = db
        .prepare<Record<string, string | number>, UserRow>(
          `SELECT * FROM users ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: search.pageSize, offset: (search.page - 1) * search.pageSize });
      return { items: rows.map(toUser), total };
    },

    async count() {
      return (db.prepare('SELECT COUNT(*) AS total FROM users').get() as { total: number }).total;
    },

    async listActiveWithRole(role) {
      return db
        .prepare<[string], UserRow>(
          `SELECT * FROM users WHERE status = 'active'
             AND EXISTS (SELECT 1 FROM json_each(users.roles) WHERE json_each.value = ?) ORDER BY id`,
        )
        .all(role)
        .map(toUser);
    },

    async updateProfile(id, patch, now) {
      const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [
        keyof ProfilePatch,
        unknown,
      ][];
      const assignments = entries.map(([key]) => `${PROFILE_COLUMNS[key]} = @${key}`);
      const params: Record<string, unknown> = { id, now: now.getTime() };
      for (const [key, value] of entries) params[key] = key === 'roles' ? JSON.stringify(value) : value;
      try {
        const result = db
          .prepare(`UPDATE users SET ${[...assignments, 'updated_at = @now'].join(', ')} WHERE id = @id`)
          .run(params);
        if (result.changes === 0) return null;
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, error: 'username_taken' };
        throw error;
      }
      return { ok: true, user: findById(id)! };
    },

    async setStatus(id, status, now) {
      db.prepare('UPDATE users SET status = ?, updated_at = ? WHERE id = ?').run(status, now.getTime(), id);
      return findById(id);
    },

    async changePassword(id, change, now) {
      return changePassword.immediate(id, change, now);
    },

    async replacePasswordHash(id, expectedHash, newHash, now) {
      const result = db
        .prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ? AND password_hash = ?')
        .run(newHash, now.getTime(), id, expectedHash);
      return result.changes === 1;
    },

    async recordFailedSignIn(id, maxFailures, lockForMs, now) {
      const row = failSignIn.get({
        id,
        max: maxFailures,
        lockUntil: now.getTime() + lockForMs,
        now: now.getTime(),
      });
      return row ? { failedSignIns: row.failed_sign_ins, lockedUntil: toDate(row.locked_until) } : null;
    },

    async recordSignIn(id, now) {
      db.prepare(
        'UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @now, updated_at = @now WHERE id = @id',
      ).run({ id, now: now.getTime() });
    },

    async clearFailedSignIns(id, now) {
      db.prepare(
        'UPDATE users SET failed_sign_ins = 0, locked_until = NULL, updated_at = @now WHERE id = @id',
      ).run({ id, now: now.getTime() });
    },

    async bumpSessionVersion(id, now) {
      return bumpVersion.get({ id, now: now.getTime() })?.session_version ?? null;
    },
  };
}

interface SignInRow {
  failed_sign_ins: number;
  locked_until: number | null;
}
