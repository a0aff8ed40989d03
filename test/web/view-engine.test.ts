import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createViewEngine } from '../../src/web/view-engine';

function render(viewsDir: string, view: string, options: object): Promise<string> {
  const engine = createViewEngine(viewsDir);
  return new Promise((resolve, reject) =>
    engine(join(viewsDir, view), options, (error, html) => (error ? reject(error) : resolve(html ?? ''))),
  );
}

describe('view engine', () => {
  let viewsDir: string;

  function view(name: string, text: string): void {
    mkdirSync(join(viewsDir, name, '..'), { recursive: true });
    writeFileSync(join(viewsDir, name), text);
  }

  beforeEach(() => {
    viewsDir = mkdtempSync(join(tmpdir(), 'views-'));
  });

  afterEach(() => {
    rmSync(viewsDir, { recursive: true, force: true });
  });

  it.each([true, false])(
    'when a partial includes another (cache %s), then each sees its includers’ locals and its own, and none leaks back',
    async (cache) => {
      view('page.ejs', `<%- include('/partials/outer', { who: 'outer' }) %>|<%= who %>|<%= locals.depth %>`);
      view('partials/outer.ejs', `<%= who %>,<%= lang %>:<%- include('/partials/inner', { depth: 2 }) %>`);
      view('partials/inner.ejs', `<%= who %>,<%= lang %>,<%= depth %>,<%= title %>`);

      const html = await render(viewsDir, 'page.ejs', { who: 'page', lang: 'ja', title: '<b>', cache });

      expect(html).toBe('outer,ja:outer,ja,2,&lt;b&gt;|page|');
    },
  );

  it('when a view looks for a name only Object.prototype has, then it finds nothing there', async () => {
    view('page.ejs', `<%= typeof locals.toString %>,<%- include('/partials/probe') %>`);
    view('partials/probe.ejs', `<%= typeof locals.hasOwnProperty %>`);

    const html = await render(viewsDir, 'page.ejs', { cache: true });

    expect(html).toBe('undefined,undefined');
  });

  it('when Express passes its own render options, then views do not see them as locals', async () => {
    view('page.ejs', `<%= typeof locals.settings %>,<%= typeof locals._locals %>,<%= typeof locals.cache %>`);

    const html = await render(viewsDir, 'page.ejs', { settings: {}, _locals: {}, cache: true });

    expect(html).toBe('undefined,undefined,undefined');
  });

  it('when a partial fails, then the error names each view and line on the way', async () => {
    view('page.ejs', `first\n<%- include('/partials/broken') %>`);
    view('partials/broken.ejs', `ok\nok\n<%= missing.name %>`);

    await expect(render(viewsDir, 'page.ejs', { cache: true })).rejects.toThrow(
      /page\.ejs:2\n[\s\S]* >> 2\| <%- include[\s\S]*broken\.ejs:3\n[\s\S]* >> 3\| <%= missing\.name %>[\s\S]*missing is not defined/,
    );
  });

  it('when a view includes by a relative name, then it is refused with the absolute form to use', async () => {
    view('page.ejs', `<%- include('partials/head') %>`);

    await expect(render(viewsDir, 'page.ejs', { cache: false })).rejects.toThrow(
      /page\.ejs: include 'partials\/head' by its absolute name/,
    );
  });
});
