import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { User } from '../../src/store';
import { smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
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

function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}

describeInChromium('caller verification in Chromium', () => {
  let browser: Browser;
  let testApp: TestApp;
  let running: RunningApp;
  let context: BrowserContext | undefined;
  let sink: SmtpSink;
  let ada: User;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  beforeEach(async () => {
    sink = await new SmtpSink().start();
    testApp = buildTestApp({ env: { HELPDESK_VERIFICATION: 'required' } });
    await seedBrowserAdmin(testApp);
    ada = await seedUser(testApp, { phone: '+966501234567' });
    running = await listen(testApp.app);
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await running.close();
    await testApp.close();
    await sink.stop();
  });

  async function signedInPage(width: number) {
    context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const problems = await guardPage(page, running.baseUrl);
    await page.goto(`${running.baseUrl}/login`);
    await page.fill('#username', BROWSER_ADMIN);
    await page.fill('#password', OTHER_STRONG_PASSWORD);
    await Promise.all([
      page.waitForURL(`${running.baseUrl}/`),
      page.click('button[type="submit"]:text("Sign in")'),
    ]);
    return { page, problems };
  }

  async function openMenuByKeyboard(page: Page) {
    await page.locator('#more-options-button').focus();
    await page.keyboard.press('Enter');
  }

  it.each([1280, 360])(
    'when the agent verifies the caller by keyboard from the menu at %i px, then the reset it waited for works and says so',
    async (width) => {
      const { page, problems } = await signedInPage(width);
      await page.goto(`${running.baseUrl}/admin/users/${ada.id}`);
      expect(await page.textContent('[data-testid="verification-panel"]')).toContain('Caller not verified');

      await openMenuByKeyboard(page);
      expect(await focusedText(page)).toBe('Verify caller');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await focusedText(page)).toBe('Reset password');
      expect(await page.locator('[data-action="reset-password"]').getAttribute('aria-disabled')).toBe('true');
      expect(await page.textContent('#more-options')).toContain('Verify the caller first');

      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      const dialog = page.locator('dialog[open]');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Send a code');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).id)).toBe(
        'channel-email',
      );
      await page.keyboard.press('Tab');
      await page.keyboard.type('INC0012345');
      await Promise.all([page.waitForURL(`**/admin/users/${ada.id}/verify`), page.keyboard.press('Enter')]);
      expect(await hasHorizontalScroll(page)).toBe(false);

      await smtpDelivery(testApp, sink)();
      const code = /\b(\d{6})\b/.exec(sink.messages.at(-1)!.text!)![1]!;
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('code');
      await page.keyboard.type(code);
      await Promise.all([
        page.waitForURL(`${running.baseUrl}/admin/users/${ada.id}`),
        page.keyboard.press('Enter'),
      ]);
      expect(await page.textContent('[data-testid="verification-panel"]')).toMatch(
        /Caller verified by Grace Hopper via email/,
      );

      await openMenuByKeyboard(page);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await focusedText(page)).toBe('Reset password');
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await dialog.locator('button:text("Yes, reset")').click();
      expect(await dialog.locator('[data-testid="caller-check"]').textContent()).toBe('Caller verified.');
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(problems).toEqual(CLEAN_PAGE);
    },
  );
});
