export interface SessionRecord {
  sid: string;
  userId: string | null;
  /** The serialized session (express-session's object as JSON). */
  data: string;
  expiresAt: Date;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string;
  userAgent: string;
}

export interface SessionRepository {
  /** Expired sessions are not returned. */
  get(sid: string, now: Date): Promise<SessionRecord | null>;
  /** Insert or replace by sid; keeps the original createdAt on replace. */
  set(record: SessionRecord): Promise<void>;
  /**
   * Extends the expiry of an existing session last seen at or before `seenBefore` (one check and
   * write, no read first); no-op otherwise, or if it does not exist.
   */
  touch(sid: string, expiresAt: Date, lastSeenAt: Date, seenBefore: Date): Promise<void>;
  destroy(sid: string): Promise<void>;
  /** Unexpired sessions of the user, most recently seen first; equal times in sid order. */
  listByUser(userId: string, now: Date): Promise<SessionRecord[]>;
  /** Deletes every session of the user except `keepSid`; returns how many. */
  deleteByUser(userId: string, keepSid?: string): Promise<number>;
  purgeExpired(now: Date): Promise<number>;
}
