import { readFileSync } from 'node:fs';
import { decodeBreachedList, type BreachedPasswordList } from '../shared/breached-passwords';
import { BLOCKLIST_ASSET, builtAssetPath } from '../web/assets';
import type { BreachCorpus } from './breach-corpus';

/** Whether a password is known to attackers: the bundled list first, then the local corpus if any. */
export type BreachedPasswordCheck = (password: string) => Promise<boolean>;

/** The bundled list as the build wrote it (public/js, the same file the browser's checklist fetches). */
export function loadBundledBreachedList(projectRoot: string): BreachedPasswordList {
  return decodeBreachedList(readFileSync(builtAssetPath(projectRoot, BLOCKLIST_ASSET)));
}

export function createBreachedPasswordCheck(
  bundled: () => BreachedPasswordList,
  corpus: Pick<BreachCorpus, 'lookup'>,
): BreachedPasswordCheck {
  return async (password) => bundled().includes(password) || (await corpus.lookup(password)) === 'listed';
}
