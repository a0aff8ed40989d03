import { Schema, type Connection, type Model, type UpdateWithAggregationPipeline } from 'mongoose';
import type { RateCount, RateLimitRepository } from '../rate-limits';
import { isDuplicateKeyError } from './duplicate-key';

/** The rate-limit key is the document id. */
interface RateLimitDoc {
  _id: string;
  count: number;
  resetAt: Date;
}

type RateLimitModel = Model<RateLimitDoc>;

// No defaults on purpose: mongoose would add them to the upsert as $setOnInsert, which a pipeline cannot carry.
const rateLimitSchema = new Schema<RateLimitDoc>(
  { _id: String, count: Number, resetAt: Date },
  { versionKey: false },
);
rateLimitSchema.index({ resetAt: 1 }, { expireAfterSeconds: 0 });

export function defineRateLimitModel(connection: Connection): RateLimitModel {
  return connection.model<RateLimitDoc>('RateLimit', rateLimitSchema, 'ratelimits');
}

/** A missing document or a finished window starts a new window at this hit; otherwise count one more. */
function hitPipeline(windowMs: number, now: Date): UpdateWithAggregationPipeline {
  const windowOver = { $lte: [{ $ifNull: ['$resetAt', null] }, { $literal: now }] };
  return [
    {
      $set: {
        count: { $cond: [windowOver, 1, { $add: [{ $ifNull: ['$count', 0] }, 1] }] },
        resetAt: { $cond: [windowOver, { $literal: new Date(now.getTime() + windowMs) }, '$resetAt'] },
      },
    },
  ];
}

async function hit(limits: RateLimitModel, key: string, windowMs: number, now: Date): Promise<RateCount> {
  for (let attempt = 1; ; attempt++) {
    try {
      const doc = await limits
        .findOneAndUpdate({ _id: key }, hitPipeline(windowMs, now), {
          upsert: true,
          returnDocument: 'after',
          updatePipeline: true,
          setDefaultsOnInsert: false,
        })
        .lean();
      if (!doc) throw new Error(`rate-limit upsert returned no document for ${key}`);
      return { count: doc.count, resetAt: doc.resetAt };
    } catch (error) {
      // Two first hits can both try to insert; the loser retries and then finds the winner's document.
      if (!isDuplicateKeyError(error) || attempt >= 3) throw error;
    }
  }
}

export function createRateLimitRepository(limits: RateLimitModel): RateLimitRepository {
  return {
    hit: (key, windowMs, now) => hit(limits, key, windowMs, now),
    count: async (key, now) => {
      const doc = await limits.findOne({ _id: key, resetAt: { $gt: now } }).lean();
      return doc?.count ?? 0;
    },
    undo: async (key) => {
      await limits.updateOne({ _id: key, count: { $gt: 0 } }, { $inc: { count: -1 } });
    },
    reset: async (key) => {
      await limits.deleteOne({ _id: key });
    },
    purgeExpired: async (now) => (await limits.deleteMany({ resetAt: { $lte: now } })).deletedCount,
  };
}
