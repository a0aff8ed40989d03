import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { escapeXML, resolveInclude, Template, type Data } from 'ejs';

type RenderCallback = (error: Error | null, html?: string) => void;
type Include = (path: string, data?: Data) => string;
type Rethrow = (error: unknown, line: number) => never;
/** The function EJS generates for a view, called as EJS calls it but with our `include`. */
type ViewBody = (locals: Data, escapeFn: typeof escapeXML, include: Include, rethrow: Rethrow) => string;

/** Express's render options that no view reads. */
const NOT_LOCALS = new Set(['settings', '_locals', 'cache']);

/**
 * The page's locals on a null-prototype object, as EJS makes them, so no view can reach
 * Object.prototype (a polluted prototype cannot inject `include` or `escapeFn`).
 */
function pageLocals(options: Record<string, unknown>): Data {
  const locals = Object.create(null) as Data;
  for (const name in options) if (!NOT_LOCALS.has(name)) locals[name] = options[name];
  return locals;
}

/**
 * A partial sees the locals of the view that includes it plus the ones passed to it, as with EJS's
 * own `include`; but they are layered on the includer's (a prototype chain ending in the page's
 * null-prototype locals) instead of copied, every one of them, into each partial.
 */
function partialLocals(parent: Data, passed: Data | undefined): Data {
  const locals = Object.create(parent) as Data;
  if (passed) for (const name of Object.keys(passed)) locals[name] = passed[name];
  return locals;
}

/** EJS's own error report: the view's file and line, with the lines around it. */
function rethrowFrom(filename: string, text: string): Rethrow {
  return (error, line) => {
    if (!(error instanceof Error)) throw error;
    const lines = text.split('\n');
    const start = Math.max(line - 3, 0);
    const context = lines
      .slice(start, Math.min(lines.length, line + 3))
      .map(
        (source, index) => `${start + index + 1 === line ? ' >> ' : '    '}${start + index + 1}| ${source}`,
      )
      .join('\n');
    error.message = `${filename}:${line}\n${context}\n\n${error.message}`;
    throw error;
  };
}

/** How a set of templates is compiled: Express views use EJS's defaults; mail names its locals and escapes by part. */
export interface TemplateOptions {
  /** The name the templates read their locals by: `locals` by default. */
  localsName?: string;
  /** Strict mode, without `with (locals)`: templates read every local through `localsName`. */
  strict?: boolean;
  /** What `<%= %>` does to a value: EJS's HTML escaping by default. */
  escape?: (value: unknown) => string;
}

/** EJS parses the view and generates its function's source; the function is made here, to be given our `include`. */
function compileView(filename: string, { localsName = 'locals', strict = false }: TemplateOptions) {
  const text = readFileSync(filename, 'utf8').replace(/^\uFEFF/, '');
  const template = new Template(text, { filename, compileDebug: true, localsName, strict });
  template.compile();
  // With compileDebug, the generated source keeps `__line` current, as EJS's own wrapper reads it.
  const source = `${strict ? '"use strict";\n' : ''}var __line = 1;\ntry {\n${template.source}\n} catch (e) {\n  rethrow(e, __line);\n}\n//# sourceURL=${filename}`;
  const body = new Function(`${localsName}, escapeFn, include, rethrow`, source) as ViewBody;
  return { body, rethrow: rethrowFrom(filename, text) };
}

/**
 * EJS templates that include partials by absolute name (`include('/partials/head')`), from
 * `viewsDir`: no lookup on disk per render. With `cache`, each file is compiled once; without it,
 * it is read and compiled at every render, so edits show at once.
 */
export function createTemplates(viewsDir: string, options: TemplateOptions = {}) {
  const compiled = new Map<string, ReturnType<typeof compileView>>();
  const partialFiles = new Map<string, string>();
  const escape = options.escape ?? escapeXML;

  function partialFile(name: string): string {
    let filename = partialFiles.get(name);
    if (!filename) partialFiles.set(name, (filename = resolveInclude(name.slice(1), viewsDir, true)));
    return filename;
  }

  function load(filename: string, cache: boolean) {
    if (!cache) return compileView(filename, options);
    let view = compiled.get(filename);
    if (!view) compiled.set(filename, (view = compileView(filename, options)));
    return view;
  }

  function render(filename: string, locals: Data, cache: boolean): string {
    const { body, rethrow } = load(filename, cache);
    const include: Include = (path, passed) => {
      if (!path.startsWith('/')) {
        throw new Error(
          `${relative(viewsDir, filename)}: include '${path}' by its absolute name ('/partials/…')`,
        );
      }
      return render(partialFile(path), partialLocals(locals, passed), cache);
    };
    return body(locals, escape as typeof escapeXML, include, rethrow);
  }

  return { render };
}

/** EJS views for Express; in production (Express's `view cache`) each view is compiled once. */
export function createViewEngine(viewsDir: string) {
  const templates = createTemplates(viewsDir);
  return (path: string, options: object, callback: RenderCallback): void => {
    // Express sets `cache` from the 'view cache' setting (on in production).
    const cache = (options as { cache?: unknown }).cache === true;
    let html: string;
    try {
      html = templates.render(path, pageLocals(options as Record<string, unknown>), cache);
    } catch (error) {
      return callback(error instanceof Error ? error : new Error(String(error)));
    }
    callback(null, html);
  };
}
