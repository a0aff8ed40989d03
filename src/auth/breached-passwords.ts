import { readFileSync } from 'node:fs';
import { decodeBreachedList, type BreachedPasswordList } from '../shared/breached-passwords';
import { BLOCKLIST_ASSET, builtAssetPath } from '../web/assets';

/** The bundled list as the build wrote it (public/js, the same file the browser's checklist fetches). */
export function loadBundledBreachedList(projectRoot: string): BreachedPasswordList {
  return decodeBreachedList(readFileSync(builtAssetPath(projectRoot, BLOCKLIST_ASSET)));
}
