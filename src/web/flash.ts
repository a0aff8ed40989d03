import type { Request, RequestHandler } from 'express';

export interface FlashMessage {
  type: 'success' | 'error' | 'info';
  message: string;
}

declare module 'express-session' {
  interface SessionData {
    flash: FlashMessage[];
  }
}

/** Queues a message for the next page this visitor sees (post/redirect/get). */
export function flash(req: Request, type: FlashMessage['type'], message: string): void {
  req.session.flash = [...(req.session.flash ?? []), { type, message }];
}

/** Moves queued messages into the page being rendered, once. */
export const takeFlash: RequestHandler = (req, res, next) => {
  if (req.session?.flash) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
};
