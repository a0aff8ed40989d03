import { Parser } from 'htmlparser2';
import { startDemoServer, type DemoServer } from '../../scripts/lib/demo-server';
import { DEMO_USERS } from '../../scripts/lib/demo-users';
import { FormClient } from '../support/form-client';
import { findPageIds, PAGES, USERNAMES, type PageIds, type Role } from '../support/pages';

/** Elements whose content is data, not product text: codes, addresses, dates, user content. */
const DATA_ELEMENTS = new Set(['script', 'style', 'bdi', 'code', 'pre', 'time', 'kbd', 'samp']);
/** What assistive technology announces besides text; `title` tooltips also carry raw codes, so they are left out. */
const TEXT_ATTRIBUTES = ['aria-label', 'placeholder', 'alt'];

/** The words a page may show untranslated: names of the product, browsers, systems and zones, and the demo's data. */
const DATA_WORDS = new Set([
  'ResetDesk',
  ...['Chrome', 'Edge', 'Firefox', 'Safari', 'Windows', 'macOS', 'iOS', 'Android', 'Linux', 'UTC'],
  ...DEMO_USERS.flatMap((user) =>
    [user.displayName, user.username, user.contactEmail ?? ''].flatMap((text) => text.split(/[^A-Za-z]+/)),
  ),
]);

/**
 * The text a person reads or hears on a page — text nodes and the attributes screen readers announce —
 * outside data islands (`<bdi>`, `<code>`, `<time>`, `dir="ltr"`, `translate="no"`), and the text of those islands.
 */
function readableText(html: string): { texts: string[]; data: string[] } {
  const texts: string[] = [];
  const data: string[] = [];
  const open: boolean[] = [];
  const insideData = () => open.includes(true);
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        // The page's own direction is on <html>; an island's is on the element it keeps left-to-right.
        const island = name !== 'html' && attributes.dir === 'ltr';
        // Text in another language on purpose: the switcher names each language in its own.
        const foreign = name !== 'html' && attributes.lang !== undefined && attributes.lang !== 'en-XA';
        const data = DATA_ELEMENTS.has(name) || island || foreign || attributes.translate === 'no';
        if (!insideData() && !data) {
          for (const attribute of TEXT_ATTRIBUTES)
            if (attributes[attribute]) texts.push(attributes[attribute]);
          if (name === 'input' && ['submit', 'button'].includes(attributes.type ?? '') && attributes.value) {
            texts.push(attributes.value);
          }
        }
        open.push(data);
      },
      ontext(text) {
        (insideData() ? data : texts).push(text);
      },
      onclosetag() {
        open.pop();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { texts, data };
}

/**
 * Plain English words: the pseudo-locale accents every letter of every catalog string. What the
 * visitor typed into the address (a search) comes back as typed.
 */
function untranslatedWords(html: string, path: string): string[] {
  const typed = new Set(
    [...new URL(path, 'http://x').searchParams.values()].flatMap((value) => value.split(/[^A-Za-z]+/)),
  );
  const { texts, data } = readableText(html);
  // Data a page shows in an island may come back where no island fits, such as a mail's subject in <title>.
  const shown = new Set(data.flatMap((text) => text.split(/[^A-Za-z]+/)));
  const words = texts.flatMap((text) => text.match(/[A-Za-z]{3,}/g) ?? []);
  return [...new Set(words.filter((word) => !DATA_WORDS.has(word) && !typed.has(word) && !shown.has(word)))];
}

describe('every page in the pseudo-locale', () => {
  let demo: DemoServer;
  let ids: PageIds;

  beforeAll(async () => {
    demo = await startDemoServer();
    ids = await findPageIds(demo);
  }, 60_000);
  afterAll(async () => {
    await demo?.close();
  });

  async function client(role: Role): Promise<FormClient> {
    const visitor = new FormClient(demo.baseUrl);
    const switched = await visitor.get('/language?lang=en-XA&next=/login');
    expect(switched.status).toBe(303);
    if (role !== 'visitor') {
      const signIn = await visitor.signIn(USERNAMES[role], demo.password);
      expect(signIn.status).toBe(303);
    }
    return visitor;
  }

  test('when every page is rendered in the pseudo-locale, then no plain English is left on it', async () => {
    const found: Record<string, string[]> = {};
    for (const role of ['visitor', 'member', 'helpdesk', 'admin'] as const) {
      const browser = await client(role);
      for (const entry of PAGES.filter((candidate) => candidate.role === role && !candidate.dialog)) {
        const path = entry.path(ids);
        const page = await browser.get(path).redirects(2);
        expect({ path, status: page.status }).toEqual({ path, status: entry.status ?? 200 });
        expect(page.text).toContain('<html lang="en-XA"');
        const words = untranslatedWords(page.text, path);
        if (words.length > 0) found[`${role} ${path}`] = words;
      }
    }
    expect(found).toEqual({});
  }, 120_000);
});
