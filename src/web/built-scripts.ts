import { join } from 'node:path';
import express, { type RequestHandler } from 'express';

// esbuild's [hash] is 8 characters of base32 (and so is the blocklist's); only such files may be cached for good.
const HASHED_FILE = /-[A-Z2-7]{8}\.(js|bin)$/;

/** Serves public/js: hashed files are immutable for a year, anything else (the manifest) is not cached. */
export function serveBuiltScripts(projectRoot: string): RequestHandler {
  return express.static(join(projectRoot, 'public/js'), {
    index: false,
    setHeaders(res, path) {
      res.setHeader(
        'Cache-Control',
        HASHED_FILE.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
