import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { stripQuery } from './logger';

function isClosedByClient(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE';
}

/**
 * Streams `source` as the response body. A client that goes away mid-download (a cancelled save, a
 * closed tab) is routine, not a failure: it is logged once at info instead of reaching the error handler.
 */
export async function streamResponse(req: Request, res: Response, source: Readable): Promise<void> {
  try {
    await pipeline(source, res);
  } catch (error) {
    if (!isClosedByClient(error)) throw error;
    req.log.info(
      { url: stripQuery(req.originalUrl) },
      'client closed the connection before the download ended',
    );
  }
}
