export const USER_TYPES = [
  'admin_staff',
  'employee',
  'customer',
  'supplier',
  'general',
  'parent',
  'device',
] as const;
export type UserType = (typeof USER_TYPES)[number];

export const USER_STATUSES = ['active', 'pending', 'suspended', 'deleted'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const ROLE_NAMES = ['admin', 'helpdesk', 'member'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export interface User {
  id: string;
  /** Normalized (trim, NFKC, lower-case); reset mail always goes here. */
  username: string;
  displayName: string;
  /** The "email to" address: shown and edited, never used for reset mail. */
  contactEmail: string | null;
  /** E.164, for SMS. */
  phone: string | null;
  userType: UserType;
  /** Parents only (IQAMA); shown masked. */
  nationalId: string | null;
  status: UserStatus;
  roles: RoleName[];
  passwordHash: string | null;
  /** Previous hashes, newest first. */
  passwordHistory: string[];
  mustChangePassword: boolean;
  /** A temporary password that was never changed stops working at this time. */
  passwordExpiresAt: Date | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  /** Sessions that recorded an older version are no longer valid. */
  sessionVersion: number;
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
  /** The person's own language (a locale of `locales/`); null: the browser's, else DEFAULT_LOCALE. */
  locale: string | null;
  /** The person's own IANA time zone; null: DEFAULT_TIME_ZONE. */
  timeZone: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  contactEmail?: string | null;
  phone?: string | null;
  userType: UserType;
  nationalId?: string | null;
  status: UserStatus;
  roles: RoleName[];
  passwordHash?: string | null;
  mustChangePassword?: boolean;
}

export type ProfilePatch = Partial<
  Pick<
    User,
    | 'username'
    | 'displayName'
    | 'contactEmail'
    | 'phone'
    | 'userType'
    | 'nationalId'
    | 'roles'
    | 'locale'
    | 'timeZone'
  >
>;

export interface PasswordChange {
  hash: string;
  /** How many previous hashes to keep after this change. */
  historySize: number;
  mustChangePassword: boolean;
  passwordExpiresAt: Date | null;
  /** Bump the session version so every existing session stops working. */
  revokeSessions: boolean;
}

export const USER_SORT_KEYS = ['username', 'displayName', 'createdAt', 'lastSignInAt'] as const;
export type UserSortKey = (typeof USER_SORT_KEYS)[number];

export interface UserSearch {
  /** Matches the exact id, or a substring of username, contact email or display name. */
  query?: string;
  status?: UserStatus;
  userType?: UserType;
  sort?: UserSortKey;
  /** Applies to the id that breaks ties too, so equal keys keep creation order, or its reverse. */
  descending?: boolean;
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type UserWriteResult = { ok: true; user: User } | { ok: false; error: 'username_taken' };

export interface SignInFailure {
  failedSignIns: number;
  lockedUntil: Date | null;
}

export interface UserRepository {
  /** Unique on the normalized username, also under concurrent creates. */
  create(user: NewUser, now: Date): Promise<UserWriteResult>;
  findById(id: string): Promise<User | null>;
  /** Exact match on the stored normalized username. */
  findByUsername(normalizedUsername: string): Promise<User | null>;
  /**
   * The same match, but only the id and status: building a whole user costs measurably more than
   * finding none, which paths that must take the same time for unknown names cannot afford.
   */
  findStatusByUsername(normalizedUsername: string): Promise<Pick<User, 'id' | 'status'> | null>;
  search(search: UserSearch): Promise<Page<User>>;
  count(): Promise<number>;
  /** Active accounts holding the role, by id: who gets the security alert mails. */
  listActiveWithRole(role: RoleName): Promise<User[]>;
  /** Keeps username uniqueness; returns null when the user does not exist. */
  updateProfile(id: string, patch: ProfilePatch, now: Date): Promise<UserWriteResult | null>;
  setStatus(id: string, status: UserStatus, now: Date): Promise<User | null>;
  /**
   * Atomic: the new hash, the previous hash pushed onto the history (trimmed), the must-change
   * flags, the lockout cleared and, if asked, the session version bumped — all or nothing.
   */
  changePassword(id: string, change: PasswordChange, now: Date): Promise<User | null>;
  /** Compare-and-set used by needsRehash upgrades: writes only while the hash is still `expectedHash`. */
  replacePasswordHash(id: string, expectedHash: string, newHash: string, now: Date): Promise<boolean>;
  /** Atomic increment; locks until now + lockFor once the count reaches maxFailures. */
  recordFailedSignIn(
    id: string,
    maxFailures: number,
    lockForMs: number,
    now: Date,
  ): Promise<SignInFailure | null>;
  /** Clears the failure counter and lock, stamps lastSignInAt. */
  recordSignIn(id: string, now: Date): Promise<void>;
  /** Clears the failure counter and lock, leaving lastSignInAt alone (a password proved outside sign-in). */
  clearFailedSignIns(id: string, now: Date): Promise<void>;
  /** Atomic increment; returns the new version (null when the user does not exist). */
  bumpSessionVersion(id: string, now: Date): Promise<number | null>;
}
