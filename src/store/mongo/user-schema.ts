import { Schema, type Connection, type Model } from 'mongoose';
import type { RoleName, User, UserStatus, UserType } from '../users';

export interface UserDoc {
  _id: string;
  username: string;
  displayName: string;
  contactEmail: string | null;
  phone: string | null;
  userType: UserType;
  nationalId: string | null;
  status: UserStatus;
  roles: RoleName[];
  passwordHash: string | null;
  passwordHistory: string[];
  mustChangePassword: boolean;
  passwordExpiresAt: Date | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  sessionVersion: number;
  createdAt: Date;
  updatedAt: Date;
  lastSignInAt: Date | null;
  locale: string | null;
  timeZone: string | null;
}

export type UserModel = Model<UserDoc>;

const userSchema = new Schema<UserDoc>(
  {
    _id: String,
    username: String,
    displayName: String,
    contactEmail: { type: String, default: null },
    phone: { type: String, default: null },
    userType: String,
    nationalId: { type: String, default: null },
    status: String,
    roles: [String],
    passwordHash: { type: String, default: null },
    passwordHistory: [String],
    mustChangePassword: Boolean,
    passwordExpiresAt: { type: Date, default: null },
    failedSignIns: Number,
    lockedUntil: { type: Date, default: null },
    sessionVersion: Number,
    createdAt: Date,
    updatedAt: Date,
    lastSignInAt: { type: Date, default: null },
    locale: { type: String, default: null },
    timeZone: { type: String, default: null },
  },
  { versionKey: false },
);
userSchema.index({ username: 1 }, { unique: true });
userSchema.index({ displayName: 1 });
userSchema.index({ createdAt: 1 });
userSchema.index({ lastSignInAt: 1 });
userSchema.index({ status: 1 });
userSchema.index({ userType: 1 });

export function defineUserModel(connection: Connection): UserModel {
  return connection.model<UserDoc>('User', userSchema, 'users');
}

export function toUser(doc: UserDoc): User {
  return {
    id: doc._id,
    username: doc.username,
    displayName: doc.displayName,
    contactEmail: doc.contactEmail ?? null,
    phone: doc.phone ?? null,
    userType: doc.userType,
    nationalId: doc.nationalId ?? null,
    status: doc.status,
    roles: [...(doc.roles ?? [])],
    passwordHash: doc.passwordHash ?? null,
    passwordHistory: [...(doc.passwordHistory ?? [])],
    mustChangePassword: doc.mustChangePassword === true,
    passwordExpiresAt: doc.passwordExpiresAt ?? null,
    failedSignIns: doc.failedSignIns ?? 0,
    lockedUntil: doc.lockedUntil ?? null,
    sessionVersion: doc.sessionVersion ?? 0,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    lastSignInAt: doc.lastSignInAt ?? null,
    locale: doc.locale ?? null,
    timeZone: doc.timeZone ?? null,
  };
}

export function toUserOrNull(doc: UserDoc | null): User | null {
  return doc ? toUser(doc) : null;
}
