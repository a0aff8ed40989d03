export type OutboxChannel = 'email' | 'sms';
/** `decoy`: written by enqueueDecoy, never sent. */
export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'decoy';

export interface OutboxItem {
  id: string;
  channel: OutboxChannel;
  /** Encrypted message; null once sent. */
  payload: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** While in the future, one worker holds the item. */
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface OutboxRepository {
  enqueue(channel: OutboxChannel, payload: string, now: Date): Promise<OutboxItem>;
  /**
   * The same write as enqueue, as an item that is never claimed and is purged like a finished one:
   * for a path that must cost what sending costs but send nothing (an unknown account's reset).
   */
  enqueueDecoy(channel: OutboxChannel, payload: string, now: Date): Promise<OutboxItem>;
  /**
   * Leases up to `limit` queued items due at `now` for leaseMs; an item is held by exactly one
   * caller, across store instances, until its lease runs out. Each claim counts as an attempt.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxItem[]>;
  /** Payload purged. */
  markSent(id: string, now: Date): Promise<void>;
  /**
   * Reschedules at retryAt, or marks permanently failed (payload purged) when retryAt is null.
   * Only a still-queued item changes, so a worker whose lease ran out cannot undo another's success.
   */
  markFailed(id: string, error: string, retryAt: Date | null, now: Date): Promise<void>;
  findById(id: string): Promise<OutboxItem | null>;
  /** Deletes sent, failed and decoy items finished before the cutoff; returns how many. */
  purgeFinished(cutoff: Date): Promise<number>;
}
