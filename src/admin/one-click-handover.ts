import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock';
import { SealError, type TextSealer } from '../outbox/text-sealer';
import type { OneClickHandover } from './admin-resets';

declare module 'express-session' {
  interface SessionData {
    /** The one-click password awaiting its dialog's Confirm or Close: sealed, for minutes, one use. */
    oneClickHandover: { sealed: string; until: number };
  }
}

/** Long enough to read the password out and choose the toggles; short enough that nothing lingers. */
export const HANDOVER_TTL_MS = 5 * 60_000;

const sealedSchema = z.object({
  targetId: z.string(),
  password: z.string(),
  passwordExpiresAt: z.string(),
  ticketRef: z.string().nullable(),
});

/**
 * Seed 000's success dialog sends the password after it was shown, so the server must hold it between
 * the two requests: sealed with AES-GCM in the admin's own session (never the database in clear, never
 * a log), bound to the target, spent by the first Confirm or Close, and wiped once expired.
 */
export function createOneClickHandover(box: TextSealer, clock: Clock) {
  return {
    keep(req: Request, targetId: string, handover: OneClickHandover): void {
      const sealed = box.seal(
        JSON.stringify({
          targetId,
          password: handover.password,
          passwordExpiresAt: handover.passwordExpiresAt.toISOString(),
          ticketRef: handover.ticketRef,
        }),
      );
      req.session.oneClickHandover = { sealed, until: clock().getTime() + HANDOVER_TTL_MS };
    },

    /**
     * The handover for this target, once: null when there is none, it expired, it was for someone else, or
     * it no longer opens (OUTBOX_KEY changed meanwhile): the admin is told it can no longer be sent.
     */
    take(req: Request, targetId: string): OneClickHandover | null {
      const kept = req.session.oneClickHandover;
      delete req.session.oneClickHandover;
      if (!kept || kept.until <= clock().getTime()) return null;
      let plaintext: string;
      try {
        plaintext = box.open(kept.sealed);
      } catch (err) {
        if (err instanceof SealError) return null;
        throw err;
      }
      const parsed = sealedSchema.safeParse(JSON.parse(plaintext));
      if (!parsed.success || parsed.data.targetId !== targetId) return null;
      const { password, passwordExpiresAt, ticketRef } = parsed.data;
      return { password, passwordExpiresAt: new Date(passwordExpiresAt), ticketRef };
    },

    /** On any request of the session: an expired handover goes, even if its dialog is never answered. */
    wipeExpired: ((req, _res, next) => {
      const kept = req.session?.oneClickHandover;
      if (kept && kept.until <= clock().getTime()) delete req.session.oneClickHandover;
      next();
    }) as RequestHandler,
  };
}

export type OneClickHandoverKeeper = ReturnType<typeof createOneClickHandover>;
