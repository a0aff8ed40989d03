import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../scripts/lib/demo-server';
import { findPageIds, PAGES, USERNAMES, type PageIds, type Role } from '../support/pages';
import { CLEAN_PAGE, describeInChromium, guardPage, launchChromium } from './browser';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [360, 768, 1280] as const;

interface Finding {
  horizontalScroll: number;
  h1Count: number;
  seriousAxe: string[];
}

async function inspect(page: Page): Promise<Finding> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
    ).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    }
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return {
      horizontalScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      h1Count: document.querySelectorAll('h1').length,
      seriousAxe: results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        ),
    };
  });
}

describeInChromium('every page in Chromium at 360, 768 and 1280 px', () => {
  let browser: Browser;
  let demo: DemoServer;
  let ids: PageIds;

  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchChromium(), startDemoServer()]);
    ids = await findPageIds(demo);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function signedIn(
    role: Role,
    width: number,
    locale: string,
  ): Promise<{ context: BrowserContext; page: Page }> {
    // The browser's language: the demo's accounts have chosen none, so their pages follow it too.
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale });
    const page = await context.newPage();
    if (role !== 'visitor') {
      await page.goto(`${demo.baseUrl}/login`);
      await page.fill('#username', USERNAMES[role]);
      await page.fill('#password', demo.password);
      await Promise.all([page.waitForURL(`${demo.baseUrl}/`), page.click('main button[type="submit"]')]);
    }
    return { context, page };
  }

  test.each([...WIDTHS.map((width) => [width, 'en'] as const), [360, 'ar'] as const, [1280, 'ar'] as const])(
    'when every page is opened at %i px in %s, then none scrolls sideways, each has one h1, no serious axe finding, no console error and no CSP violation',
    async (width, locale) => {
      const failures: Record<string, unknown> = {};
      for (const role of ['visitor', 'member', 'helpdesk', 'admin'] as const) {
        const { context, page } = await signedIn(role, width, locale);
        const problems = await guardPage(page, demo.baseUrl);
        for (const entry of PAGES.filter((candidate) => candidate.role === role)) {
          const path = entry.path(ids);
          const status = entry.status ?? 200;
          const consoleBefore = problems.consoleErrors.length;
          const response = await page.goto(`${demo.baseUrl}${path}`);
          if (locale !== 'en' && !(await page.locator(`html[lang="${locale}"]`).count()))
            failures[path] = `not in ${locale}`;
          const label = `${role} ${path}${entry.dialog ? ` (${entry.dialog} dialog)` : ''}`;
          if (response?.status() !== status) failures[label] = `status ${response?.status()}`;
          // Chromium logs an error status of the page itself; that one is what this entry expects.
          const expectedLog = `Failed to load resource: the server responded with a status of ${status}`;
          if (status !== 200 && problems.consoleErrors[consoleBefore]?.startsWith(expectedLog)) {
            problems.consoleErrors.splice(consoleBefore, 1);
          }
          if (entry.dialog) {
            await page.click('[data-menu-button]');
            await page.click(`[data-menu-item][data-action="${entry.dialog}"]`);
            await page.waitForSelector('dialog[open]');
          }
          const finding = await inspect(page);
          const expected = { horizontalScroll: 0, h1Count: 1, seriousAxe: [] };
          if (JSON.stringify(finding) !== JSON.stringify(expected)) failures[label] = finding;
        }
        if (JSON.stringify(problems) !== JSON.stringify(CLEAN_PAGE)) failures[`${role} console`] = problems;
        await context.close();
      }
      expect(failures).toEqual({});
    },
    180_000,
  );
});
