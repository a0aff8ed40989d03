import { Schema, type Connection, type Model } from 'mongoose';
import type { IdempotencyKeyRepository, IdempotencyRecord } from '../idempotency-keys';
import { isDuplicateKeyError } from './duplicate-key';

interface IdempotencyDoc extends Omit<IdempotencyRecord, 'key'> {
  _id: string;
}

type IdempotencyModel = Model<IdempotencyDoc>;

const idempotencySchema = new Schema<IdempotencyDoc>(
  {
    _id: String,
    requestHash: String,
    status: { type: Number, default: null },
    body: { type: String, default: null },
    createdAt: Date,
    expiresAt: Date,
  },
  { versionKey: false },
);
// Tidying only: claim treats an expired record as absent whether or not the monitor removed it yet.
idempotencySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export function defineIdempotencyKeyModel(connection: Connection): IdempotencyModel {
  return connection.model<IdempotencyDoc>('IdempotencyKey', idempotencySchema, 'idempotencykeys');
}

function toRecord(doc: IdempotencyDoc): IdempotencyRecord {
  return {
    key: doc._id,
    requestHash: doc.requestHash,
    status: doc.status ?? null,
    body: doc.body ?? null,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
  };
}

export function createIdempotencyKeyRepository(keys: IdempotencyModel): IdempotencyKeyRepository {
  return {
    /**
     * An upsert whose filter matches only an expired record: with a live one the upsert tries to insert
     * the same _id and fails on the primary key, so exactly one of racing calls claims.
     */
    claim: async (key, requestHash, now, expiresAt) => {
      try {
        await keys.updateOne(
          { _id: key, expiresAt: { $lte: now } },
          { $set: { requestHash, status: null, body: null, createdAt: now, expiresAt } },
          { upsert: true },
        );
        return { claimed: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const doc = await keys.findById(key).lean();
      if (!doc) throw new Error('idempotency key vanished while being claimed');
      return { claimed: false, record: toRecord(doc) };
    },
    complete: async (key, status, body) => {
      await keys.updateOne({ _id: key }, { $set: { status, body } });
    },
    release: async (key) => {
      await keys.deleteOne({ _id: key, status: null });
    },
    purgeExpired: async (now) => (await keys.deleteMany({ expiresAt: { $lt: now } })).deletedCount,
  };
}
