import { renderFile, type Data } from 'ejs';

type RenderCallback = (error: Error | null, html?: string) => void;

declare module 'ejs' {
  interface Options {
    /** EJS 7: use the locals object as given instead of copying it onto a null-prototype object. */
    unsafePrototypeLocals?: boolean;
  }
}

/** Express's render options that no view reads: leaving them out spares a copy of each into every include. */
const NOT_LOCALS = new Set(['settings', '_locals', 'cache']);

/**
 * The page's locals on a null-prototype object, as EJS would copy them, so no view can reach
 * Object.prototype (a polluted prototype cannot inject `include` or `escapeFn`). Made here, EJS
 * need not copy them again when it runs a template: an include then costs one copy, not two.
 */
function viewLocals(options: Record<string, unknown>): Data {
  const locals = Object.create(null) as Data;
  for (const name in options) if (!NOT_LOCALS.has(name)) locals[name] = options[name];
  return locals;
}

/**
 * EJS as Express would call it, plus `root`, so views include partials by absolute name
 * (`include('/partials/head')`): EJS looks a relative include up on disk (existsSync) on every
 * render, even when the view cache holds the compiled template.
 */
export function createViewEngine(viewsDir: string) {
  return (path: string, options: object, callback: RenderCallback): void => {
    // Express sets `cache` from the 'view cache' setting (on in production).
    const cache = (options as { cache?: unknown }).cache === true;
    renderFile(
      path,
      viewLocals(options as Record<string, unknown>),
      { root: viewsDir, views: [viewsDir], cache, unsafePrototypeLocals: true },
      (error, html) => callback(error, html),
    );
  };
}
