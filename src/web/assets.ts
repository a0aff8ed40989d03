import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Maps a script's plain name (`strength-meter.js`) to its URL with the content hash. */
export type AssetResolver = (name: string) => string;

/** The bundled breached-password list (scripts/build-blocklist.ts), served to the browser's checklist too. */
export const BLOCKLIST_ASSET = 'breached-passwords.bin';

/**
 * Reads public/js/manifest.json (written by scripts/build-client.mjs) on first use, then from memory.
 * Lazy so apps that never render a script (health probes, most tests) do not need the browser build.
 */
export function createAssetResolver(projectRoot: string): AssetResolver {
  const manifestPath = join(projectRoot, 'public/js/manifest.json');
  let manifest: Record<string, string> | null = null;
  return (name) => {
    manifest ??= readManifest(manifestPath);
    const file = manifest[name];
    if (!file)
      throw new Error(
        `${name} is not in ${manifestPath}; is src/client/${name.replace(/\.js$/, '.ts')} an entry point in scripts/build-client.mjs?`,
      );
    return `/js/${file}`;
  };
}

/** Where a built file is on disk, by its plain name (the server reads the blocklist from here). */
export function builtAssetPath(projectRoot: string, name: string): string {
  const manifestPath = join(projectRoot, 'public/js/manifest.json');
  const file = readManifest(manifestPath)[name];
  if (!file) throw new Error(`${name} is not in ${manifestPath}; run \`npm run build\`.`);
  return join(projectRoot, 'public/js', file);
}

function readManifest(path: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new Error(
      `The browser scripts are not built (${path} is missing or unreadable). Run \`npm run build\`, which runs scripts/build-client.mjs.`,
      { cause: error },
    );
  }
}
