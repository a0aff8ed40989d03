import { renderFile, type Data } from 'ejs';

type RenderCallback = (error: Error | null, html?: string) => void;

/**
 * EJS as Express would call it, plus `root`, so views include partials by absolute name
 * (`include('/partials/head')`): EJS looks a relative include up on disk (existsSync) on every
 * render, even when the view cache holds the compiled template.
 */
export function createViewEngine(viewsDir: string) {
  return (path: string, options: object, callback: RenderCallback): void => {
    // Express sets `cache` from the 'view cache' setting (on in production).
    const cache = (options as { cache?: unknown }).cache === true;
    renderFile(path, options as Data, { root: viewsDir, views: [viewsDir], cache }, (error, html) =>
      callback(error, html),
    );
  };
}
