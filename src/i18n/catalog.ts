/** One namespace's strings, as in `locales/<lang>/<namespace>.json` (nested objects of ICU messages). */
export type Catalog = { [key: string]: string | Catalog };
export type LocaleCatalogs = Record<string, Catalog>;
