import type { Catalog } from './catalog';
import { loadCatalogs, SOURCE_LOCALE, type Translate } from './localization';

/** The namespace the browser scripts (src/client/) read their strings from, through src/client/text.ts. */
const CLIENT_NAMESPACE = 'client';

function keysOf(catalog: Catalog, prefix: string): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

/**
 * Inside a `<script type="application/json">` only `</script` or `<!--` could end the block early; with
 * every `<` (and, for good measure, `>` and `&`) written as a JSON escape, no translation can.
 */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const rendered = new WeakMap<Translate, string>();

/**
 * Every string of the client namespace, translated for one page's language (full keys, as the scripts
 * write them: `client:meter.score.weak`), as the JSON views/partials/client-text.ejs puts in the page.
 * The strings take no arguments, so the browser needs no message formatter. A locale's translator is
 * built once (Localization.for), so its JSON is too.
 */
export function clientTextJson(t: Translate): string {
  let json = rendered.get(t);
  if (json === undefined) {
    const catalog = loadCatalogs()[SOURCE_LOCALE]![CLIENT_NAMESPACE] ?? {};
    const keys = keysOf(catalog, `${CLIENT_NAMESPACE}:`);
    json = toScriptJson(Object.fromEntries(keys.map((key) => [key, t(key)])));
    rendered.set(t, json);
  }
  return json;
}
