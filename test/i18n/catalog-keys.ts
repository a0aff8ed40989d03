import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PERMISSIONS } from '../../src/auth/permissions';
import type { Catalog } from '../../src/i18n/catalog';

export const ROOT = join(__dirname, '..', '..');

/** "ns:a.b.c" → message, for every string of a locale's catalogs. */
export function flatten(namespaces: Record<string, Catalog>): Map<string, string> {
  const keys = new Map<string, string>();
  const walk = (prefix: string, catalog: Catalog) => {
    for (const [key, value] of Object.entries(catalog)) {
      const path = `${prefix}${key}`;
      if (typeof value === 'string') keys.set(path, value);
      else walk(`${path}.`, value);
    }
  };
  for (const [ns, catalog] of Object.entries(namespaces)) walk(`${ns}:`, catalog);
  return keys;
}

function filesUnder(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, extensions);
    return extensions.some((extension) => name.endsWith(extension)) ? [path] : [];
  });
}

/**
 * Every catalog key the code and the views name, with the files that name it. Keys are written out in
 * full where they are used — `'reset:code.incorrect'` in a message table, `t('header.menu')` (the common
 * namespace) in a view — never assembled from pieces, so this scan sees all of them.
 */
export function keysUsed(namespaces: readonly string[]): Map<string, string[]> {
  const qualified = new RegExp(`['"\`](${namespaces.join('|')}):([A-Za-z0-9_.]+)['"\`]`, 'g');
  const common = /\bt\(\s*['"]([A-Za-z0-9_.]+)['"]/g;
  const used = new Map<string, string[]>();
  const note = (key: string, file: string) => used.set(key, [...(used.get(key) ?? []), file]);
  const files = [...filesUnder(join(ROOT, 'src'), ['.ts']), ...filesUnder(join(ROOT, 'views'), ['.ejs'])];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = relative(ROOT, file);
    for (const match of text.matchAll(qualified)) {
      const key = `${match[1]}:${match[2]}`;
      // Permissions ('audit:read', 'webhooks:manage') share a key's shape and a namespace's name.
      if (!(PERMISSIONS as readonly string[]).includes(key)) note(key, name);
    }
    for (const match of text.matchAll(common)) note(`common:${match[1]}`, name);
  }
  return used;
}
