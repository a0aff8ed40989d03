export type OutboxChannel = 'email' | 'sms' | 'webhook';
/**
 * `failed`: refused for good. `expired`: no longer useful (its link ran out, or it waited too long)
 * before it could be delivered.
 */
export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'expired';

export interface OutboxItem {
  id: string;
  channel: OutboxChannel;
  /** Encrypted message; null once sent, failed or expired. */
  payload: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** While in the future, one worker holds the item. */
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** After this, delivering the message would help nobody: it is expired instead of sent. */
  usefulUntil: Date;
  /** The account the message is about; its delivery page shows the item only under that account. */
  userId: string | null;
}

/** What a queued message is stored as, before the store gives it an id and a schedule. */
export interface OutboxDraft {
  channel: OutboxChannel;
  /** Encrypted message. */
  payload: string;
  usefulUntil: Date;
  userId: string | null;
}

/** Messages still waiting to be sent, for the readiness probe and the admin console. */
export interface OutboxBacklog {
  queued: number;
  /** Queued items whose last attempt failed, waiting for their retry. */
  retrying: number;
  /** When the oldest retrying item was queued; null when none is retrying. */
  oldestRetryingSince: Date | null;
}

/** Waiting messages of one channel, for the metrics. */
export interface ChannelDepth {
  channel: OutboxChannel;
  queued: number;
  /** When the oldest waiting item was queued. */
  oldestQueuedAt: Date;
}

export interface OutboxRepository {
  enqueue(draft: OutboxDraft, now: Date): Promise<OutboxItem>;
  /**
   * Leases up to `limit` queued items due at `now` and still useful after it, for leaseMs; an item is
   * held by exactly one caller, across store instances, until its lease runs out. Each claim counts
   * as an attempt.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxItem[]>;
  /**
   * Marks up to `limit` queued, unleased items whose usefulUntil has passed as expired (payload
   * purged) and returns them as they were, payload included, so the caller can record what was
   * lost. Each item is returned to exactly one caller, across store instances.
   */
  expireDue(now: Date, limit: number): Promise<OutboxItem[]>;
  /** Payload purged. */
  markSent(id: string, now: Date): Promise<void>;
  /**
   * Reschedules at retryAt, or marks permanently failed (payload purged) when retryAt is null.
   * Only a still-queued item changes, so a worker whose lease ran out cannot undo another's success.
   */
  markFailed(id: string, error: string, retryAt: Date | null, now: Date): Promise<void>;
  findById(id: string): Promise<OutboxItem | null>;
  /** Counts over queued items only. */
  backlog(): Promise<OutboxBacklog>;
  /** Queued items per channel that has any, in channel order. */
  depthByChannel(): Promise<ChannelDepth[]>;
  /** Deletes sent, failed and expired items finished before the cutoff; returns how many. */
  purgeFinished(cutoff: Date): Promise<number>;
}
