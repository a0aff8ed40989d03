import session from 'express-session';
import type { SessionData } from 'express-session';
import type { SessionRepository } from '../store';
import type { Clock } from '../clock';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    /** The user's session version at sign-in; a later bump revokes this session everywhere. */
    sessionVersion: number;
    signedInAt: number;
    /**
     * Signed in with a temporary password (the account must choose its own): that sign-in already proved
     * the password, so choosing the new one does not ask for it again. Cleared once it is chosen.
     */
    signedInWithTemporaryPassword: boolean;
    ip: string;
    userAgent: string;
    /** SHA-256 of the reset link token, moved out of the URL (never the token itself). */
    resetTokenHash: string;
    /** SHA-256 of the "this wasn't me" link token, moved out of the URL (never the token itself). */
    secureAccountTokenHash: string;
  }
}

type Callback = (error?: unknown) => void;

/** express-session on the storage port, so sessions live in the shared store and every instance sees revocations. */
/**
 * A session seen within this long is not touched again: a write per request (most of them on
 * sessions seen a moment ago) cost more than the minute of idle time it would add.
 */
const TOUCH_INTERVAL_MS = 60_000;

export class PortSessionStore extends session.Store {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    private readonly idleMs: number,
  ) {
    super();
  }

  /** From the injected clock, not the cookie's wall-clock date, so expiry and the queries agree on time. */
  private nextExpiry(): Date {
    return new Date(this.clock().getTime() + this.idleMs);
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    this.sessions.get(sid, this.clock()).then(
      (record) => callback(null, record ? (JSON.parse(record.data) as SessionData) : null),
      (error: unknown) => callback(error),
    );
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    const now = this.clock();
    this.sessions
      .set({
        sid,
        userId: data.userId ?? null,
        data: JSON.stringify(data),
        expiresAt: this.nextExpiry(),
        createdAt: now,
        lastSeenAt: now,
        ip: data.ip ?? '',
        userAgent: data.userAgent ?? '',
      })
      .then(() => callback?.(), callback);
  }

  override touch(sid: string, _data: SessionData, callback?: Callback): void {
    const now = this.clock();
    const seenBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS);
    this.sessions.touch(sid, this.nextExpiry(), now, seenBefore).then(() => callback?.(), callback);
  }

  override destroy(sid: string, callback?: Callback): void {
    this.sessions.destroy(sid).then(() => callback?.(), callback);
  }
}
