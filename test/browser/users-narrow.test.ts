import type { Browser, Page } from 'playwright-core';
import {
  CLEAN_PAGE,
  describeInChromium,
  guardPage,
  launchChromium,
  listen,
  type RunningApp,
} from './browser';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

describeInChromium('users console in Chromium at 360 px wide', () => {
  let testApp: TestApp;
  let running: RunningApp;
  let browser: Browser;
  let page: Page;
  let targetId: string;
  let problems: Awaited<ReturnType<typeof guardPage>>;

  beforeAll(async () => {
    testApp = buildTestApp();
    const admin = await seedUser(testApp, {
      username: 'admin@example.org',
      roles: ['admin'],
      userType: 'admin_staff',
    });
    const invited = await testApp.services.createUserAccount(
      {
        username: 'a.rather.long.username.for.a.narrow.screen@subdomain.example.org',
        displayName: 'Maximiliana Rosalind Featherstonehaugh-Worthington',
        userType: 'parent',
        role: 'member',
        contactEmail: null,
        phone: '+966501234567',
        nationalId: '2087654321',
      },
      { admin, sendInvite: true },
      { ip: '127.0.0.1', userAgent: 'test' },
    );
    if (!invited.ok) throw new Error(invited.error);
    targetId = invited.user.id;
    running = await listen(testApp.app);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    problems = await guardPage(page, running.baseUrl);
    await page.goto(`${running.baseUrl}/login`);
    await page.fill('#username', 'admin@example.org');
    await page.fill('#password', STRONG_PASSWORD);
    await Promise.all([page.waitForURL(`${running.baseUrl}/`), page.click('button[type="submit"]')]);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await testApp?.close();
  });

  /** The page itself never scrolls sideways; each table row is a card whose every cell is on screen, labelled. */
  function measure() {
    return page.evaluate(() => ({
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
      tables: [...document.querySelectorAll<HTMLTableElement>('main table')].map((table) => {
        const cells = [...table.querySelectorAll<HTMLElement>('tbody td')];
        return {
          stacked: [...table.tBodies[0]!.rows].every((row) => getComputedStyle(row).display === 'block'),
          fitsViewport: cells.every((cell) => cell.getBoundingClientRect().right <= window.innerWidth),
          labelled: cells.every((cell) => cell.dataset.label !== undefined),
        };
      }),
    }));
  }

  test.each([
    ['list', () => '/admin/users', true],
    ['detail', () => `/admin/users/${targetId}`, true],
    ['new', () => '/admin/users/new', false],
    ['edit', () => `/admin/users/${targetId}/edit`, false],
  ])(
    'when the %s page is opened, then nothing overflows the screen and tables are stacked cards',
    async (_name, path, hasTable) => {
      const response = await page.goto(`${running.baseUrl}${path()}`);
      expect(response?.status()).toBe(200);

      const { pageOverflow, tables } = await measure();
      expect(pageOverflow).toBeLessThanOrEqual(0);
      if (hasTable) {
        expect(tables.length).toBeGreaterThan(0);
        expect(tables).toEqual(tables.map(() => ({ stacked: true, fitsViewport: true, labelled: true })));
      }
      expect(problems).toEqual(CLEAN_PAGE);
    },
  );

  test('when the admin submits the create form with errors at 360 px, then the first error field is labelled and described', async () => {
    await page.goto(`${running.baseUrl}/admin/users/new`);
    await page.fill('#username', 'not-an-email');
    await page.click('main button[type="submit"]');
    await page.waitForSelector('#username-error');

    const username = page.locator('#username');
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#username-error').textContent()).toContain('Enter a valid email address');
    expect(await page.getByLabel('Username (email address)').count()).toBe(1);
    expect((await measure()).pageOverflow).toBeLessThanOrEqual(0);
  });
});
