import { Schema, type Connection, type Model } from 'mongoose';
import { buildApiToken, type ApiToken, type ApiTokenRepository } from '../api-tokens';

interface ApiTokenDoc extends Omit<ApiToken, 'id'> {
  _id: string;
}

type ApiTokenModel = Model<ApiTokenDoc>;

const apiTokenSchema = new Schema<ApiTokenDoc>(
  {
    _id: String,
    name: String,
    tokenHash: String,
    scopes: [String],
    createdBy: String,
    createdAt: Date,
    expiresAt: Date,
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
apiTokenSchema.index({ tokenHash: 1 }, { unique: true });
// No TTL: an expired or revoked token stays listed so the admins can see what existed.
apiTokenSchema.index({ createdAt: -1, _id: -1 });

export function defineApiTokenModel(connection: Connection): ApiTokenModel {
  return connection.model<ApiTokenDoc>('ApiToken', apiTokenSchema, 'apitokens');
}

function toToken(doc: ApiTokenDoc): ApiToken {
  return {
    id: doc._id,
    name: doc.name,
    tokenHash: doc.tokenHash,
    scopes: [...doc.scopes],
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
    lastUsedAt: doc.lastUsedAt ?? null,
    revokedAt: doc.revokedAt ?? null,
  };
}

export function createApiTokenRepository(tokens: ApiTokenModel): ApiTokenRepository {
  return {
    create: async (input, now) => {
      const token = buildApiToken(input, now);
      const { id, ...fields } = token;
      await tokens.create({ _id: id, ...fields });
      return token;
    },
    findByHash: async (tokenHash) => {
      const doc = await tokens.findOne({ tokenHash }).lean();
      return doc ? toToken(doc) : null;
    },
    list: async () => (await tokens.find().sort({ createdAt: -1, _id: -1 }).lean()).map(toToken),
    // The precondition is in the filter: of racing revocations exactly one matches.
    revoke: async (id, now) => {
      const result = await tokens.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: now } });
      return result.modifiedCount === 1;
    },
    touch: async (id, now) => {
      await tokens.updateOne({ _id: id }, { $set: { lastUsedAt: now } });
    },
  };
}
