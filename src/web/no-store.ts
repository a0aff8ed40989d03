import type { RequestHandler } from 'express';

/** For pages with personal data or secrets: never kept in a browser or proxy cache. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
