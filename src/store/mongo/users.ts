import type { QueryFilter, SortOrder } from 'mongoose';
import { newId } from '../ids';
import type {
  NewUser,
  PasswordChange,
  ProfilePatch,
  User,
  UserRepository,
  UserSearch,
  UserWriteResult,
} from '../users';
import { isDuplicateKeyError } from './duplicate-key';
import { toUser, toUserOrNull, type UserDoc, type UserModel } from './user-schema';
import { passwordChangePipeline, signInFailurePipeline } from './user-pipelines';

const PROFILE_FIELDS = [
  'username',
  'displayName',
  'contactEmail',
  'phone',
  'userType',
  'nationalId',
  'roles',
  'locale',
  'timeZone',
] as const satisfies readonly (keyof ProfilePatch)[];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function createUser(users: UserModel, input: NewUser, now: Date): Promise<UserWriteResult> {
  const user: User = {
    id: newId(),
    username: input.username,
    displayName: input.displayName,
    contactEmail: input.contactEmail ?? null,
    phone: input.phone ?? null,
    userType: input.userType,
    nationalId: input.nationalId ?? null,
    status: input.status,
    roles: [...input.roles],
    passwordHash: input.passwordHash ?? null,
    passwordHistory: [],
    mustChangePassword: input.mustChangePassword ?? false,
    passwordExpiresAt: null,
    failedSignIns: 0,
    lockedUntil: null,
    sessionVersion: 0,
    createdAt: now,
    updatedAt: now,
    lastSignInAt: null,
    locale: null,
    timeZone: null,
  };
  const { id, ...fields } = user;
  try {
    await users.create({ _id: id, ...fields });
  } catch (error) {
    if (isDuplicateKeyError(error)) return { ok: false, error: 'username_taken' };
    throw error;
  }
  return { ok: true, user };
}

async function searchUsers(users: UserModel, search: UserSearch): Promise<{ items: User[]; total: number }> {
  const filter: QueryFilter<UserDoc> = {};
  if (search.query) {
    const pattern = new RegExp(escapeRegExp(search.query), 'i');
    filter.$or = [
      { _id: search.query },
      { username: pattern },
      { contactEmail: pattern },
      { displayName: pattern },
    ];
  }
  if (search.status) filter.status = search.status;
  if (search.userType) filter.userType = search.userType;
  const direction: SortOrder = search.descending ? -1 : 1;
  const [docs, total] = await Promise.all([
    users
      .find(filter)
      .sort({ [search.sort ?? 'username']: direction, _id: direction })
      .skip((search.page - 1) * search.pageSize)
      .limit(search.pageSize)
      .lean(),
    users.countDocuments(filter),
  ]);
  return { items: docs.map(toUser), total };
}

async function updateProfile(
  users: UserModel,
  id: string,
  patch: ProfilePatch,
  now: Date,
): Promise<UserWriteResult | null> {
  const changes: Partial<UserDoc> = { updatedAt: now };
  for (const field of PROFILE_FIELDS) {
    if (patch[field] !== undefined) Object.assign(changes, { [field]: patch[field] });
  }
  try {
    const doc = await users
      .findOneAndUpdate({ _id: id }, { $set: changes }, { returnDocument: 'after' })
      .lean();
    return doc ? { ok: true, user: toUser(doc) } : null;
  } catch (error) {
    if (isDuplicateKeyError(error)) return { ok: false, error: 'username_taken' };
    throw error;
  }
}

async function changePassword(users: UserModel, id: string, change: PasswordChange, now: Date) {
  const doc = await users
    .findOneAndUpdate({ _id: id }, passwordChangePipeline(change, now), {
      returnDocument: 'after',
      updatePipeline: true,
    })
    .lean();
  return toUserOrNull(doc);
}

async function recordFailedSignIn(
  users: UserModel,
  id: string,
  maxFailures: number,
  lockForMs: number,
  now: Date,
) {
  const doc = await users
    .findOneAndUpdate({ _id: id }, signInFailurePipeline(maxFailures, lockForMs, now), {
      returnDocument: 'after',
      updatePipeline: true,
      projection: { failedSignIns: 1, lockedUntil: 1 },
    })
    .lean();
  return doc ? { failedSignIns: doc.failedSignIns, lockedUntil: doc.lockedUntil ?? null } : null;
}

export function createUserRepository(users: UserModel): UserRepository {
  return {
    create: (user, now) => createUser(users, user, now),
    findById: async (id) => toUserOrNull(await users.findById(id).lean()),
    findByUsername: async (username) => toUserOrNull(await users.findOne({ username }).lean()),
    findStatusByUsername: async (username) => {
      const doc = await users.findOne({ username }, { _id: 1, status: 1 }).lean();
      return doc ? { id: doc._id, status: doc.status } : null;
    },
    search: (search) => searchUsers(users, search),
    listActiveWithRole: async (role) =>
      (await users.find({ status: 'active', roles: role }).sort({ _id: 1 }).lean()).map(toUser),
    count: () => users.countDocuments({}).exec(),
    updateProfile: (id, patch, now) => updateProfile(users, id, patch, now),
    setStatus: async (id, status, now) =>
      toUserOrNull(
        await users
          .findOneAndUpdate({ _id: id }, { $set: { status, updatedAt: now } }, { returnDocument: 'after' })
          .lean(),
      ),
    changePassword: (id, change, now) => changePassword(users, id, change, now),
    replacePasswordHash: async (id, expectedHash, newHash, now) => {
      const filter = { _id: id, passwordHash: expectedHash };
      const result = await users.updateOne(filter, { $set: { passwordHash: newHash, updatedAt: now } });
      return result.matchedCount === 1;
    },
    recordFailedSignIn: (id, maxFailures, lockForMs, now) =>
      recordFailedSignIn(users, id, maxFailures, lockForMs, now),
    recordSignIn: async (id, now) => {
      const changes = { failedSignIns: 0, lockedUntil: null, lastSignInAt: now, updatedAt: now };
      await users.updateOne({ _id: id }, { $set: changes });
    },
    clearFailedSignIns: async (id, now) => {
      await users.updateOne({ _id: id }, { $set: { failedSignIns: 0, lockedUntil: null, updatedAt: now } });
    },
    bumpSessionVersion: async (id, now) => {
      const doc = await users
        .findOneAndUpdate(
          { _id: id },
          { $inc: { sessionVersion: 1 }, $set: { updatedAt: now } },
          { returnDocument: 'after', projection: { sessionVersion: 1 } },
        )
        .lean();
      return doc ? doc.sessionVersion : null;
    },
  };
}
