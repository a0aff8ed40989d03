import { Schema, type Connection, type Model, type QueryFilter } from 'mongoose';
import { newId } from '../ids';
import type { SecureAccountToken, SecureAccountTokenRepository } from '../secure-account-tokens';

interface SecureAccountTokenDoc extends Omit<SecureAccountToken, 'id'> {
  _id: string;
}

type SecureAccountTokenModel = Model<SecureAccountTokenDoc>;

const secureAccountTokenSchema = new Schema<SecureAccountTokenDoc>(
  {
    _id: String,
    userId: String,
    tokenHash: String,
    reason: String,
    createdAt: Date,
    expiresAt: Date,
    usedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
secureAccountTokenSchema.index({ tokenHash: 1 }, { unique: true });
// An expired token is worth nothing; the TTL only tidies up, findUsable and use check expiry themselves.
secureAccountTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export function defineSecureAccountTokenModel(connection: Connection): SecureAccountTokenModel {
  return connection.model<SecureAccountTokenDoc>(
    'SecureAccountToken',
    secureAccountTokenSchema,
    'secureaccounttokens',
  );
}

function toToken(doc: SecureAccountTokenDoc): SecureAccountToken {
  return {
    id: doc._id,
    userId: doc.userId,
    tokenHash: doc.tokenHash,
    reason: doc.reason,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    usedAt: doc.usedAt ?? null,
  };
}

function usable(now: Date): QueryFilter<SecureAccountTokenDoc> {
  return { usedAt: null, expiresAt: { $gt: now } };
}

export function createSecureAccountTokenRepository(
  tokens: SecureAccountTokenModel,
): SecureAccountTokenRepository {
  return {
    create: async (input, now) => {
      const token: SecureAccountToken = { ...input, id: newId(), createdAt: now, usedAt: null };
      const { id, ...fields } = token;
      await tokens.create({ _id: id, ...fields });
      return token;
    },
    findUsable: async (tokenHash, now) => {
      const doc = await tokens.findOne({ tokenHash, ...usable(now) }).lean();
      return doc ? toToken(doc) : null;
    },
    // One conditional update on one document: of racing uses exactly one matches the usable filter.
    use: async (id, now) => {
      const result = await tokens.updateOne({ _id: id, ...usable(now) }, { $set: { usedAt: now } });
      return result.modifiedCount === 1;
    },
    purgeEnded: async (cutoff) => {
      const filter = { $or: [{ expiresAt: { $lt: cutoff } }, { usedAt: { $lt: cutoff } }] };
      return (await tokens.deleteMany(filter)).deletedCount;
    },
  };
}
