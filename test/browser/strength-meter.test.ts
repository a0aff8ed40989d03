import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { SCORE_LABELS } from '../../src/client/meter-state';
import { en } from '../support/i18n';
import { OTHER_STRONG_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';
import {
  CLEAN_PAGE,
  describeInChromium,
  guardPage,
  launchChromium,
  listen,
  type RunningApp,
} from './browser';

const STRENGTH_LABELS = SCORE_LABELS.map((key) => en(key));

// Scores 0,1,2,3,4 as it is typed (with any of the test accounts' words): every label appears in turn.
const NEW_PASSWORD = 'Velvet-Orbit-42-Canyon!';
const ALL_RULES = [
  'length_min',
  'lowercase',
  'uppercase',
  'digit',
  'symbol',
  'strength',
  'not_breached',
  'no_context_words',
  'confirmation',
];
/** Both word lists in the page: zxcvbn's dictionaries and the bundled breached-password list. */
const LISTS_READY = '[data-testid="strength-meter"][data-dictionaries="ready"][data-breached-list="ready"]';

interface Snapshot {
  label: string;
  saveDisabled: boolean;
  met: string[];
}

function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => ({
    label: document.querySelector('[data-testid="strength-label"]')?.textContent ?? '',
    saveDisabled: document.querySelector<HTMLButtonElement>('[data-requires-strong-password]')!.disabled,
    met: [...document.querySelectorAll('[data-testid="password-rules"] li[data-met="true"]')].map((item) =>
      item.getAttribute('data-rule')!,
    ),
  }));
}

/** Types one character at a time, as a person would, and records the meter after each. */
async function typeSlowly(page: Page, selector: string, text: string): Promise<Snapshot[]> {
  await page.focus(selector);
  const seen: Snapshot[] = [];
  for (const character of text) {
    await page.keyboard.type(character, { delay: 10 });
    seen.push(await snapshot(page));
  }
  return seen;
}

function distinctInOrder(values: string[]): string[] {
  return values.filter((value, index) => value !== '' && values.indexOf(value) === index);
}

/** Save may be enabled exactly when the label is Acceptable or better and every rule is ticked. */
function expectSaveGatedByRules(seen: Snapshot[]): void {
  for (const { label, saveDisabled, met } of seen) {
    const allowed =
      STRENGTH_LABELS.indexOf(label as never) >= 2 && ALL_RULES.every((rule) => met.includes(rule));
    expect({ label, met, saveDisabled }).toEqual({ label, met, saveDisabled: !allowed });
  }
}

/** Types the new password and its confirmation, checking the meter all the way. */
async function typeNewPassword(page: Page): Promise<void> {
  await page.waitForSelector(LISTS_READY);
  expect(await snapshot(page)).toEqual({ label: '', saveDisabled: true, met: [] });

  const whileTyping = await typeSlowly(page, '#password', NEW_PASSWORD);
  const labels = distinctInOrder(whileTyping.map(({ label }) => label));
  expect(labels).toEqual([...STRENGTH_LABELS]);
  expect(whileTyping.map(({ label }) => STRENGTH_LABELS.indexOf(label as never))).toEqual(
    [...whileTyping.map(({ label }) => STRENGTH_LABELS.indexOf(label as never))].sort(),
  );
  expect(whileTyping.every(({ saveDisabled }) => saveDisabled)).toBe(true);
  expect(whileTyping.at(-1)!.met).toEqual(ALL_RULES.filter((rule) => rule !== 'confirmation'));
  expect(whileTyping[0]!.met).toEqual(['uppercase', 'not_breached', 'no_context_words']);
  // "Velvet" is in the breached list, and so is "Velvet-" (its core): both leave that item open.
  const velvet = whileTyping.slice(5, 7).map(({ met }) => met.includes('not_breached'));
  expect(velvet).toEqual([false, false]);

  const whileConfirming = await typeSlowly(page, '#confirmPassword', NEW_PASSWORD);
  expect(whileConfirming.slice(0, -1).every(({ saveDisabled }) => saveDisabled)).toBe(true);
  expect(whileConfirming.at(-1)).toEqual({ label: 'Strong', saveDisabled: false, met: ALL_RULES });
  expectSaveGatedByRules([...whileTyping, ...whileConfirming]);

  await page.keyboard.press('Backspace');
  expect((await snapshot(page)).saveDisabled).toBe(true);
  await page.keyboard.type('!');
  expect((await snapshot(page)).saveDisabled).toBe(false);
}

describeInChromium('live password strength meter (real Chromium)', () => {
  let browser: Browser;
  let testApp: TestApp | undefined;
  let running: RunningApp | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  afterEach(async () => {
    await context?.close();
    await running?.close();
    await testApp?.close();
    [context, running, testApp] = [undefined, undefined, undefined];
  });

  async function open(app: TestApp, options: { javaScriptEnabled?: boolean } = {}) {
    testApp = app;
    running = await listen(app.app);
    context = await browser.newContext(options);
    const page = await context.newPage();
    const problems = await guardPage(page, running.baseUrl);
    const scripts = new Map<string, { bytes: number; cacheControl: string }>();
    // Every script path the page asked for, noted as the request starts (sizes come later, in `scripts`).
    const requested = new Set<string>();
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/js/')) requested.add(pathname);
    });
    const recordScript = async (request: Request) => {
      const { pathname } = new URL(request.url());
      if (!pathname.startsWith('/js/')) return;
      const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
      scripts.set(pathname, {
        bytes: sizes.responseBodySize,
        cacheControl: (await response?.headerValue('cache-control')) ?? '',
      });
    };
    // The listener runs detached from the test: once the test closed its page, a request still being
    // measured has nothing left to report, and its rejection must not fail whichever test runs next.
    page.on('requestfinished', (request) => {
      recordScript(request).catch((error: unknown) => {
        if (!page.isClosed()) throw error;
      });
    });
    return { page, problems, scripts, requested, baseUrl: running.baseUrl };
  }

  it('when a signed-in user types a new password, then the meter climbs from Too weak to Strong and Save waits for every rule', async () => {
    const app = buildTestApp();
    await seedUser(app, { password: OTHER_STRONG_PASSWORD });
    const { page, problems, scripts, baseUrl } = await open(app);

    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'ada@example.org');
    await page.fill('#password', OTHER_STRONG_PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.click('button[type="submit"]:text("Sign in")')]);
    await page.goto(`${baseUrl}/account/password`);
    await page.fill('#currentPassword', OTHER_STRONG_PASSWORD);

    await typeNewPassword(page);
    await page.screenshot({ path: '/tmp/meter.png', fullPage: true });

    await Promise.all([page.waitForURL(`${baseUrl}/account`), page.click('[data-requires-strong-password]')]);
    expect(await page.textContent('.flash--success')).toContain('Password changed.');

    // The entry is small; the word lists come separately, in a chunk cached for good.
    const entry = [...scripts].find(([path]) => /^\/js\/strength-meter-[A-Z2-7]{8}\.js$/.test(path));
    const dictionaries = [...scripts].find(([path]) =>
      /^\/js\/chunks\/dictionaries-[A-Z2-7]{8}\.js$/.test(path),
    );
    expect(entry?.[1].bytes).toBeLessThan(100 * 1024);
    expect(dictionaries?.[1].bytes).toBeGreaterThan(500 * 1024);
    expect(entry?.[1].cacheControl).toBe('public, max-age=31536000, immutable');
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when the first administrator is set up, then the name typed on the page counts against the password', async () => {
    const { page, problems, baseUrl } = await open(buildTestApp({ setupToken: 'x' }));
    await page.goto(`${baseUrl}/setup`);
    await page.fill('#setupToken', 'x');
    await page.fill('#username', 'zephyrine@example.org');
    await page.fill('#displayName', 'Zephyrine Quillfeather');
    await page.waitForSelector(LISTS_READY);

    await page.fill('#password', 'Quillfeather1!');
    expect((await snapshot(page)).label).toBe('Weak');
    await page.fill('#displayName', 'Ada Lovelace');
    expect((await snapshot(page)).label).toBe('Strong');

    await page.fill('#password', '');
    await page.fill('#displayName', 'Zephyrine Quillfeather');
    await typeNewPassword(page);
    await Promise.all([page.waitForURL(`${baseUrl}/login`), page.click('[data-requires-strong-password]')]);
    expect(await page.textContent('.flash--success')).toContain('Administrator created.');
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when the page is Arabic or Japanese, then its own word lists arrive in a chunk of their own and count, and an English page never fetches them', async () => {
    const { page, problems, requested, baseUrl } = await open(buildTestApp({ setupToken: 'x' }));
    // Strong with English lists alone; an Arabic name and a year with the Arabic lists.
    const scoreOf = async (password: string) => {
      await page.fill('#password', password);
      return page.getAttribute('[data-testid="strength-bar"]', 'data-score');
    };
    const languageChunks = () => [...requested].filter((path) => /dictionaries-(ar|ja)-/.test(path));

    await page.goto(`${baseUrl}/setup`);
    await page.waitForSelector(LISTS_READY);
    expect(await scoreOf('Abdul-Aziz1990!')).toBe('4');
    expect(languageChunks()).toEqual([]);

    for (const [language, score] of [
      ['ar', '2'],
      ['ja', '4'],
    ] as const) {
      requested.clear();
      await page.goto(`${baseUrl}/language?lang=${language}&next=/setup`);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await page.waitForSelector(LISTS_READY);
      expect(languageChunks()).toEqual([
        expect.stringMatching(new RegExp(`^/js/chunks/dictionaries-${language}-`)),
      ]);
      expect(await scoreOf('Abdul-Aziz1990!')).toBe(score);
    }
    expect(await scoreOf('Aozora-88!')).toBe('2');
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when the dictionaries are still loading, then a strong-looking password reads "Checking…" and Save stays disabled until they arrive', async () => {
    const { page, problems, baseUrl } = await open(buildTestApp({ setupToken: 'x' }));
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/js/chunks/dictionaries-*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}/setup`);
    await page.waitForSelector('[data-testid="strength-meter"][data-breached-list="ready"]');
    await page.fill('#password', 'a');
    expect(await snapshot(page)).toEqual({
      label: 'Too weak',
      saveDisabled: true,
      met: ['lowercase', 'not_breached', 'no_context_words'],
    });
    await page.fill('#password', NEW_PASSWORD);
    await page.fill('#confirmPassword', NEW_PASSWORD);
    expect(await snapshot(page)).toEqual({
      label: 'Checking…',
      saveDisabled: true,
      met: ALL_RULES.filter((rule) => rule !== 'strength'),
    });
    expect(await page.getAttribute('[data-testid="strength-meter"]', 'data-dictionaries')).toBe('loading');

    release();
    await page.waitForSelector(LISTS_READY);
    expect(await snapshot(page)).toEqual({ label: 'Strong', saveDisabled: false, met: ALL_RULES });
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when the dictionaries cannot load, then the meter steps back and the server judges strength', async () => {
    const { page, problems, baseUrl } = await open(buildTestApp({ setupToken: 'x' }));
    await page.route('**/js/chunks/dictionaries-*.js', (route) => route.abort());
    await page.goto(`${baseUrl}/setup`);
    await page.waitForSelector(
      '[data-testid="strength-meter"][data-dictionaries="unavailable"][data-breached-list="ready"]',
      // The meter hides once the dictionaries fail: wait for the element in that state, not for its
      // visibility (`hidden` also holds while nothing matches yet, so it waited for nothing).
      { state: 'attached' },
    );
    await page.fill('#password', 'Quokka-0');
    await page.fill('#confirmPassword', 'Quokka-0');
    expect(await snapshot(page)).toEqual({
      label: '',
      saveDisabled: false,
      met: ALL_RULES.filter((rule) => rule !== 'strength'),
    });
    await page.fill('#confirmPassword', 'Quokka-1');
    expect((await snapshot(page)).saveDisabled).toBe(true);
    expect(problems.consoleErrors).toContainEqual(
      expect.stringMatching(/Password dictionaries failed to load/),
    );
    expect([problems.pageErrors, problems.cspViolations, problems.foreignRequests]).toEqual([[], [], []]);
  });

  it('when a breached password is typed, then the checklist says so live and Save waits, and the password goes nowhere', async () => {
    const app = buildTestApp();
    await seedUser(app, { password: OTHER_STRONG_PASSWORD });
    const { page, problems, scripts, baseUrl } = await open(app);
    const sent: string[] = [];
    page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'ada@example.org');
    await page.fill('#password', OTHER_STRONG_PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.click('button[type="submit"]:text("Sign in")')]);
    await page.goto(`${baseUrl}/account/password`);
    await page.waitForSelector(LISTS_READY);
    sent.length = 0;

    await page.fill('#password', 'Summer2024!');
    await page.fill('#confirmPassword', 'Summer2024!');
    const listed = await snapshot(page);
    expect(listed.met).not.toContain('not_breached');
    expect(listed.saveDisabled).toBe(true);
    expect(await page.textContent('[data-testid="password-warning"]')).toContain(
      'This password appears in lists of breached passwords',
    );
    await page.fill('#password', 'Lovelace-Quokka-42!');
    await page.fill('#confirmPassword', 'Lovelace-Quokka-42!');
    expect(await page.textContent('[data-testid="password-warning"]')).toBe(
      'It contains your name: leave it out, attackers try such words first.',
    );
    await page.fill('#password', 'Lantern-Quokka-42!');
    await page.fill('#confirmPassword', 'Lantern-Quokka-42!');
    expect(await snapshot(page)).toMatchObject({ saveDisabled: false, met: ALL_RULES });
    expect(await page.isHidden('[data-testid="password-warning"]')).toBe(true);
    // Typing sent nothing at all: the list was fetched once, before, and is checked in the page.
    expect(sent).toEqual([]);
    const list = [...scripts].find(([path]) => /^\/js\/breached-passwords-[A-Z2-7]{8}\.bin$/.test(path));
    expect(list?.[1].cacheControl).toBe('public, max-age=31536000, immutable');
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when the breached list cannot load, then its item is left to the server and Save follows the other rules', async () => {
    const { page, problems, baseUrl } = await open(buildTestApp({ setupToken: 'x' }));
    await page.route('**/js/breached-passwords-*.bin', (route) => route.abort());
    await page.goto(`${baseUrl}/setup`);
    await page.waitForSelector(
      '[data-testid="strength-meter"][data-dictionaries="ready"][data-breached-list="unavailable"]',
    );
    await page.fill('#password', 'Lantern-Quokka-42!');
    await page.fill('#confirmPassword', 'Lantern-Quokka-42!');
    expect(await snapshot(page)).toMatchObject({
      saveDisabled: false,
      met: ALL_RULES.filter((rule) => rule !== 'not_breached'),
    });
    expect(problems.consoleErrors).toContainEqual(
      expect.stringMatching(/Breached-password list failed to load/),
    );
    expect([problems.pageErrors, problems.cspViolations, problems.foreignRequests]).toEqual([[], [], []]);
  });

  it('when JavaScript is off, then the rules are listed, Save is enabled and the server decides', async () => {
    const { page, baseUrl } = await open(buildTestApp({ setupToken: 'x' }), { javaScriptEnabled: false });
    await page.goto(`${baseUrl}/setup`);
    expect(await page.isEnabled('[data-requires-strong-password]')).toBe(true);
    expect(await page.isVisible('[data-testid="strength-meter"]')).toBe(false);
    expect(await page.locator('[data-testid="password-rules"] li').allTextContents()).toEqual([
      'At least 8 characters',
      'A lower-case letter',
      'An upper-case letter',
      'A number',
      'A symbol or space',
      'Strength at least “Acceptable”',
      'Not in lists of breached passwords',
      'Not your name, username or the organisation’s name',
      'Both passwords match',
    ]);
    await page.fill('#setupToken', 'x');
    await page.fill('#username', 'zephyrine@example.org');
    await page.fill('#displayName', 'Zephyrine Quillfeather');
    await page.fill('#password', 'short');
    await page.fill('#confirmPassword', 'short');
    await page.click('[data-requires-strong-password]');
    expect(await page.textContent('#password-error')).toContain('Use at least 8 characters.');
  });

  it('when the page is in Arabic, then the meter speaks Arabic and its bar fills from the right', async () => {
    const { page, problems, baseUrl } = await open(buildTestApp({ setupToken: 'x' }));
    await page.goto(`${baseUrl}/language?lang=ar&next=/setup`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.waitForSelector(LISTS_READY);

    await page.fill('#password', 'a');
    expect((await snapshot(page)).label).toBe('ضعيفة جدًا');
    const statuses = await page.locator('[data-rule-status]').allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['مستوفى: ', 'غير مستوفى بعد: ']));
    await page.fill('#password', NEW_PASSWORD);
    await page.fill('#confirmPassword', NEW_PASSWORD);
    expect(await snapshot(page)).toEqual({ label: 'قوية', saveDisabled: false, met: ALL_RULES });

    await page.fill('#password', 'a');
    await page.fill('#confirmPassword', '');
    const layout = await page.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      const [track, bar, field] = [
        box('.strength-meter__track'),
        box('[data-testid="strength-bar"]'),
        box('#password'),
      ];
      const firstRule = document.querySelector('[data-testid="password-rules"] li')!;
      const marker = getComputedStyle(firstRule, '::before');
      return {
        barAtRight: Math.abs(bar.right - track.right) < 1,
        barPartial: bar.width > 0 && bar.width < track.width,
        trackUnderField: Math.abs(track.right - field.right) < 1,
        markerAtRight: marker.right === '0px' && getComputedStyle(firstRule).paddingRight !== '0px',
        textAlign: getComputedStyle(document.querySelector('.strength-meter__text')!).textAlign,
      };
    });
    expect(layout).toEqual({
      barAtRight: true,
      barPartial: true,
      trackUnderField: true,
      markerAtRight: true,
      textAlign: 'start',
    });
    expect(problems).toEqual(CLEAN_PAGE);
  });

  it('when a page breaks the CSP, then the guard notices (so a clean report means something)', async () => {
    const { page, problems, baseUrl } = await open(buildTestApp({ setupToken: 'x' }));
    await page.goto(`${baseUrl}/setup`);
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<div style="color: red">inline</div>');
    });
    for (let tries = 0; problems.cspViolations.length === 0 && tries < 50; tries++)
      await page.waitForTimeout(20);
    expect(problems.cspViolations).toEqual([expect.stringMatching(/^style-src-attr /)]);
    expect(problems.consoleErrors.join('\n')).toMatch(/Content Security Policy/);
  });
});
