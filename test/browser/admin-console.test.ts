import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { User } from '../../src/store';
import { smtpDelivery } from '../support/reset-flow';
import { SmsGatewaySink } from '../support/sms-gateway';
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

describeInChromium('admin console in Chromium', () => {
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
    ada = await seedUser(testApp, { phone: '+966501234567' });
    running = await listen(testApp.app);
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await running.close();
    await testApp.close();
  });

  async function signedInPage(options: BrowserContextOptions = {}) {
    context = await browser.newContext(options);
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

  it('when the menu is used by keyboard only, then it opens, moves, closes, and a confirmation dialog opens and cancels', async () => {
    const { page, problems } = await signedInPage();
    await page.goto(`${running.baseUrl}/admin/users/${ada.id}`);
    const button = page.locator('#more-options-button');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.isVisible('#more-options')).toBe(false);

    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await focusedText(page)).toBe('Verify caller');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText(page)).toBe('Send reset link');
    await page.keyboard.press('End');
    expect(await focusedText(page)).toBe('Sign out all sessions');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText(page)).toBe('Verify caller');
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#more-options')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('more-options-button');

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText(page)).toBe('Reset password');
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('This cannot be undone.');
    expect(await dialog.textContent()).toContain('Ada Lovelace');
    await dialog.locator('a:text-is("No")').click();
    await page.waitForSelector('dialog', { state: 'detached' });
    expect(page.url()).toBe(`${running.baseUrl}/admin/users/${ada.id}`);
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when Yes is chosen in the one-click dialog, then as in seed 000 the same dialog shows the password with Copy and the two toggles, and Confirm applies them', async () => {
    const { page, problems } = await signedInPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${running.baseUrl}/admin/users/${ada.id}`);
    await page.click('#more-options-button');
    await page.click('[data-action="reset-password"]');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(ada.username);
    expect(await dialog.locator('#logoutSessions').count()).toBe(0);
    await dialog.locator('button:text("Yes, reset")').click();

    await dialog.locator('text=Password reset successful').waitFor();
    expect(page.url()).toBe(`${running.baseUrl}/admin/users/${ada.id}`);
    const password = (await dialog.locator('[data-testid="generated-password"]').textContent())!;
    expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(await dialog.locator('#sendEmail').isChecked()).toBe(true);
    expect(await dialog.locator('#logoutSessions').isChecked()).toBe(true);
    expect(await dialog.textContent()).toContain(ada.username);
    await dialog.locator('button:text("Copy")').click();
    await dialog.locator('text=Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(true);

    await dialog.locator('#sendEmail').click();
    await Promise.all([
      page.waitForURL(`**/admin/users/${ada.id}`),
      dialog.locator('button:text("Confirm")').click(),
    ]);
    expect(await page.textContent('.flash')).toContain('No email was sent.');
    expect(problems).toEqual(CLEAN_PAGE);

    const signIn = await testApp.services.signIn(ada.username, password, {
      ip: '127.0.0.1',
      userAgent: 'test',
    });
    expect(signIn).toMatchObject({ ok: true, user: { mustChangePassword: true } });
  });

  it('when a temporary password is texted, then the delivery page follows the message to "Sent" without a reload', async () => {
    const gateway = await new SmsGatewaySink().start();
    const sink = await new SmtpSink().start();
    try {
      const { page, problems } = await signedInPage();
      await page.goto(`${running.baseUrl}/admin/users/${ada.id}/temp-password-sms`);
      await Promise.all([page.waitForURL('**/deliveries/**'), page.click('button:text("Confirm")')]);
      const status = page.locator('[data-testid="delivery-status"]');
      expect(await status.getAttribute('data-state')).toBe('queued');
      const url = page.url();
      await smtpDelivery(testApp, sink, gateway)();
      await page.waitForSelector('[data-testid="delivery-status"][data-state="sent"]', { timeout: 10_000 });
      expect(await status.textContent()).toContain('Sent');
      expect(page.url()).toBe(url);
      expect(problems).toEqual(CLEAN_PAGE);
    } finally {
      await gateway.stop();
      await sink.stop();
    }
  });

  it('when the Clipboard API is missing, then Copy selects the password for a manual copy', async () => {
    const { page } = await signedInPage();
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }),
    );
    await page.goto(`${running.baseUrl}/admin/users/${ada.id}/reset-password`);
    await Promise.all([page.waitForURL(`**/reset-password`), page.click('button:text("Yes, reset")')]);
    const password = await page.textContent('[data-testid="generated-password"]');
    await page.click('button:text("Copy")');
    await page.waitForSelector('text=press Ctrl+C');
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(password);
  });

  it('when the account is suspended, then one notice says why instead of a menu of disabled options; on your own page there is no menu', async () => {
    await testApp.store.users.setStatus(ada.id, 'suspended', new Date());
    const { page, problems } = await signedInPage();
    await page.goto(`${running.baseUrl}/admin/users/${ada.id}`);
    expect(await page.locator('[data-menu]').count()).toBe(0);
    const notice = page.locator('[data-testid="options-notice"]');
    expect(await notice.textContent()).toContain('This account is suspended');
    expect(await page.locator('text=This account is suspended').count()).toBe(1);
    expect(await page.textContent('[data-testid="status-badge"]')).toBe('Suspended');

    await page.goto(`${running.baseUrl}/admin/users/${admin.id}`);
    expect(await page.locator('[data-menu]').count()).toBe(0);
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when the mouse rests on "More options", then the menu opens after a short delay, stays open when clicked, and closes when the mouse leaves', async () => {
    const { page, problems } = await signedInPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${running.baseUrl}/admin/users/${ada.id}`);
    const button = page.locator('#more-options-button');
    expect(await button.locator('.menu__arrow').count()).toBe(1);
    await button.hover();
    await page.waitForFunction(() => !document.querySelector('#more-options')?.hasAttribute('hidden'));
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await page.mouse.move(5, 5);
    await page.waitForTimeout(600);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    await page.mouse.move(5, 5);
    await button.hover();
    await page.waitForFunction(() => !document.querySelector('#more-options')?.hasAttribute('hidden'));
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => document.querySelector('#more-options')?.hasAttribute('hidden'));
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when the menu opens on a wide screen, then it stays inside the page', async () => {
    const { page } = await signedInPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${running.baseUrl}/admin/users/${ada.id}`);
    await page.click('#more-options-button');
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  it('when the screen is 360 px wide, then the admin pages fit without sideways scrolling', async () => {
    const { page, problems } = await signedInPage({ viewport: { width: 360, height: 740 } });
    const paths = [
      '/admin/users',
      `/admin/users/${ada.id}`,
      `/admin/users/${ada.id}/reset-link`,
      `/admin/users/${ada.id}/password`,
      `/admin/users/${ada.id}/verify`,
      '/admin/users/new',
      '/admin/audit',
    ];
    for (const path of paths) {
      await page.goto(`${running.baseUrl}${path}`);
      expect([path, await hasHorizontalScroll(page)]).toEqual([path, false]);
    }
    await page.goto(`${running.baseUrl}/admin/users/${ada.id}`);
    await page.click('#more-options-button');
    const menu = await page.locator('#more-options').boundingBox();
    expect(menu!.x + menu!.width).toBeLessThanOrEqual(360);
    await page.click('[data-action="reset-password"]');
    const dialog = await page.locator('dialog[open]').boundingBox();
    expect(dialog!.x).toBeGreaterThanOrEqual(0);
    expect(dialog!.x + dialog!.width).toBeLessThanOrEqual(360);
    await page.click('dialog[open] >> text=Yes, reset');
    await page.locator('dialog[open] >> text=Password reset successful').waitFor();
    const result = await page.locator('dialog[open]').boundingBox();
    expect(result!.x + result!.width).toBeLessThanOrEqual(360);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(problems).toEqual(CLEAN_PAGE);
  });
});
