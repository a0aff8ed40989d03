import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { User } from '../../src/store';
import { OTHER_STRONG_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';
import {
  CLEAN_PAGE,
  describeInChromium,
  guardPage,
  launchChromium,
  listen,
  type RunningApp,
  BROWSER_ADMIN,
  hasHorizontalScroll,
  seedBrowserAdmin,
} from './browser';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 860 };

/** Left and right edges of each selector's first match, in CSS pixels. */
function edges(page: Page, selectors: string[]): Promise<[number, number][]> {
  return page.evaluate((list) => {
    return list.map((selector) => {
      const box = document.querySelector(selector)!.getBoundingClientRect();
      return [Math.round(box.left), Math.round(box.right)] as [number, number];
    });
  }, selectors);
}

/** The rotation of the breadcrumbs' chevron, in degrees: 45 points right, -45 left. */
function chevronDegrees(page: Page): Promise<number> {
  return page.evaluate(() => {
    const matrix = new DOMMatrixReadOnly(
      getComputedStyle(document.querySelector('.breadcrumbs li + li')!, '::before').transform,
    );
    return Math.round((Math.atan2(matrix.b, matrix.a) * 180) / Math.PI);
  });
}

describeInChromium('right-to-left layout in Chromium', () => {
  let browser: Browser;
  let testApp: TestApp;
  let running: RunningApp;
  let context: BrowserContext | undefined;
  let ada: User;
  let admin: User;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  beforeEach(async () => {
    testApp = buildTestApp();
    admin = await seedBrowserAdmin(testApp);
    ada = await seedUser(testApp);
    running = await listen(testApp.app);
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await running.close();
    await testApp.close();
  });

  async function signedInPage(locale: string, viewport: { width: number; height: number }) {
    await testApp.store.users.updateProfile(admin.id, { locale }, new Date());
    context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const problems = await guardPage(page, running.baseUrl);
    await page.goto(`${running.baseUrl}/login`);
    await page.fill('#username', BROWSER_ADMIN);
    await page.fill('#password', OTHER_STRONG_PASSWORD);
    await Promise.all([page.waitForURL(`${running.baseUrl}/`), page.click('main button[type="submit"]')]);
    await page.goto(`${running.baseUrl}/admin/users/${ada.id}`);
    return { page, problems };
  }

  it('when an administrator works in Arabic on a wide screen, then the frame mirrors: navigation on the right, chevrons to the left, the menu opening from its button’s left edge', async () => {
    const { page, problems } = await signedInPage('ar', DESKTOP);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');

    const [nav, main, brand, signOut] = await edges(page, [
      '#side-nav',
      '.app-main',
      '.brand',
      '.session-info',
    ]);
    expect(nav![0]).toBeGreaterThanOrEqual(main![1]);
    expect(nav![1]).toBe(DESKTOP.width);
    expect(brand![0]).toBeGreaterThan(signOut![1]);
    expect(await chevronDegrees(page)).toBe(-45);

    await page.click('#more-options-button');
    const [button, list] = await edges(page, ['#more-options-button', '#more-options']);
    expect(list![0]).toBe(button![0]);
    expect(list![1]).toBeGreaterThan(button![1]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when the same page is in English, then the navigation is on the left and the menu opens from its button’s right edge', async () => {
    const { page, problems } = await signedInPage('en', DESKTOP);
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');

    const [nav, main] = await edges(page, ['#side-nav', '.app-main']);
    expect([nav![0], nav![1] <= main![0]]).toEqual([0, true]);
    expect(await chevronDegrees(page)).toBe(45);
    await page.click('#more-options-button');
    const [button, list] = await edges(page, ['#more-options-button', '#more-options']);
    expect(list![1]).toBe(button![1]);
    expect(list![0]).toBeLessThan(button![0]);
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when the one-click reset is used in Arabic on a phone, then the menu stays on screen, Copy answers in Arabic and the switches turn on towards the left', async () => {
    const { page, problems } = await signedInPage('ar', PHONE);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.click('#more-options-button');
    const [button, list] = await edges(page, ['#more-options-button', '#more-options']);
    expect(list![1]).toBe(button![1]);
    expect(list![0]).toBeGreaterThanOrEqual(0);

    await page.click('[data-action="reset-password"]');
    const dialog = page.locator('dialog[open]');
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('[data-result-dialog]').waitFor();
    await dialog.locator('[data-copy-target]').click();
    await dialog.locator('[data-copy-status]:text("نُسخت إلى الحافظة.")').waitFor();

    // A checked switch's knob slides 1.25rem from the start edge towards the end: leftwards in Arabic.
    const knob = await page.evaluate(() => {
      const toggle = document.querySelector('dialog[open] input[role="switch"]:checked')!;
      const after = getComputedStyle(toggle, '::after');
      return {
        direction: getComputedStyle(toggle).direction,
        shift: new DOMMatrixReadOnly(after.transform).e,
      };
    });
    expect(knob).toEqual({ direction: 'rtl', shift: -20 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when a visitor chooses Arabic on a phone, then the sign-in pages mirror, fit the screen and name the current language', async () => {
    context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const problems = await guardPage(page, running.baseUrl);
    for (const path of ['/login', '/forgot', '/reset']) {
      await page.goto(`${running.baseUrl}/language?lang=ar&next=${path}`);
      expect({ path, dir: await page.getAttribute('html', 'dir') }).toEqual({ path, dir: 'rtl' });
      expect({ path, scroll: await hasHorizontalScroll(page) }).toEqual({ path, scroll: false });
      const [brand, switcher] = await edges(page, ['.brand', 'nav.language-switcher']);
      expect({ path, brandAtRight: brand![1] > PHONE.width - 40 }).toEqual({ path, brandAtRight: true });
      expect(switcher![0]).toBeGreaterThanOrEqual(0);
    }
    expect(await page.textContent('nav.language-switcher [aria-current="true"]')).toBe('العربية');
    expect(problems).toEqual(CLEAN_PAGE);
  });
});
