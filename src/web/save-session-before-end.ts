import type { Request, Response } from 'express';

/**
 * Stores the request's session before its response ends. When the store answers after the response
 * has ended, express-session sends all of it but the last byte at once and that byte once the session
 * is stored: two writes to the socket, two packets for the client. Stored first, the response leaves
 * in one write. A failed save changes nothing: express-session saves again at the end, and reports it.
 */
export function saveSessionBeforeEnd(req: Request, res: Response): void {
  const end = res.end;
  res.end = function endOnceSaved(this: Response, ...args: unknown[]) {
    res.end = end;
    req.session.save(() => Reflect.apply(end, this, args));
    return this;
  } as Response['end'];
}
