import type { UpdateWithAggregationPipeline } from 'mongoose';
import type { PasswordChange } from '../users';

/*
 * Update pipelines let one findOneAndUpdate read the document's current values, so each of these
 * read-modify-writes is atomic on the server. Values we supply go through $literal: an argon2 hash
 * starts with "$", which a pipeline would otherwise read as a field path.
 */

/** The current hash, when there is one, in front of the kept history, trimmed to historySize. */
function trimmedHistory(historySize: number): unknown {
  if (historySize <= 0) return { $literal: [] };
  const hasHash = { $gt: [{ $strLenCP: { $ifNull: ['$passwordHash', ''] } }, 0] };
  const previous = { $cond: [hasHash, ['$passwordHash'], []] };
  return { $slice: [{ $concatArrays: [previous, { $ifNull: ['$passwordHistory', []] }] }, historySize] };
}

export function passwordChangePipeline(change: PasswordChange, now: Date): UpdateWithAggregationPipeline {
  const fields: Record<string, unknown> = {
    passwordHistory: trimmedHistory(change.historySize),
    passwordHash: { $literal: change.hash },
    mustChangePassword: { $literal: change.mustChangePassword },
    passwordExpiresAt: { $literal: change.passwordExpiresAt },
    failedSignIns: { $literal: 0 },
    lockedUntil: { $literal: null },
    updatedAt: { $literal: now },
  };
  if (change.revokeSessions) {
    fields.sessionVersion = { $add: [{ $ifNull: ['$sessionVersion', 0] }, 1] };
  }
  // One stage: every expression sees the document as it was, so the history takes the old hash.
  return [{ $set: fields }];
}

export function signInFailurePipeline(
  maxFailures: number,
  lockForMs: number,
  now: Date,
): UpdateWithAggregationPipeline {
  const lockUntil = new Date(now.getTime() + lockForMs);
  return [
    {
      $set: {
        failedSignIns: { $add: [{ $ifNull: ['$failedSignIns', 0] }, 1] },
        updatedAt: { $literal: now },
      },
    },
    // A second stage sees the incremented count.
    {
      $set: {
        lockedUntil: {
          $cond: [
            { $gte: ['$failedSignIns', maxFailures] },
            { $literal: lockUntil },
            { $ifNull: ['$lockedUntil', null] },
          ],
        },
      },
    },
  ];
}
