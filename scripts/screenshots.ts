import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../src/project-root';
import { EXIT, runScript } from './lib/cli';
import { startDemoServer, type DemoServer } from './lib/demo-server';

const USAGE = `Usage: npm run screenshots

DEVELOPMENT TOOL. Starts the app on 127.0.0.1 with the demo accounts (in memory), opens the main pages
in Chromium (/usr/bin/chromium) at 1280 and 360 px wide and writes docs/screenshots/<page>-<width>.png.`;

const CHROMIUM = '/usr/bin/chromium';
const WIDTHS = [1280, 360] as const;
const MAX_HEIGHT = 1600;
const OUT_DIR = join(PROJECT_ROOT, 'docs', 'screenshots');

interface Shot {
  name: string;
  /** Who is signed in, or null for a visitor. */
  as: string | null;
  path: (demo: DemoServer) => Promise<string>;
  /** The browser's language (Accept-Language); English when unset. */
  locale?: string;
  /** What to do on the page before the picture: open a menu, a dialog. */
  prepare?: (page: Page) => Promise<void>;
}

async function openResetMenu(page: Page): Promise<void> {
  await page.click('[data-menu-button]');
  await page.waitForSelector('[data-menu-item]', { state: 'visible' });
}

/** Seed 000's one-click reset: the menu, the question, Yes, and the dialog that shows the password. */
async function resetWithOneClick(page: Page): Promise<void> {
  await openResetMenu(page);
  await page.click('[data-menu-item][data-action="reset-password"]');
  await page.click('dialog[open] button[type="submit"].button--danger');
  await page.waitForSelector('dialog[open] [data-testid="generated-password"]');
}

async function userPath(demo: DemoServer, username: string): Promise<string> {
  const user = await demo.store.users.findByUsername(username);
  return `/admin/users/${encodeURIComponent(user!.id)}`;
}

const SHOTS: readonly Shot[] = [
  { name: 'welcome', as: null, path: async () => '/' },
  { name: 'sign-in', as: null, path: async () => '/login' },
  { name: 'forgot-password', as: null, path: async () => '/forgot' },
  { name: 'dashboard', as: 'admin@example.org', path: async () => '/' },
  { name: 'users', as: 'admin@example.org', path: async () => '/admin/users' },
  { name: 'user-detail', as: 'admin@example.org', path: (demo) => userPath(demo, 'alan.turing@example.org') },
  { name: 'audit-log', as: 'admin@example.org', path: async () => '/admin/audit' },
  { name: 'helpdesk-dashboard', as: 'helpdesk@example.org', path: async () => '/' },
  { name: 'member-home', as: 'alan.turing@example.org', path: async () => '/' },
  { name: 'forgot-password-ar', as: null, locale: 'ar', path: async () => '/forgot' },
  { name: 'reset-ar', as: null, locale: 'ar', path: async () => '/reset' },
  {
    name: 'user-menu-ar',
    as: 'admin@example.org',
    locale: 'ar',
    path: (demo) => userPath(demo, 'alan.turing@example.org'),
    prepare: openResetMenu,
  },
  {
    name: 'one-click-ar',
    as: 'admin@example.org',
    locale: 'ar',
    path: (demo) => userPath(demo, 'sam.taylor@example.net'),
    prepare: resetWithOneClick,
  },
  { name: 'forgot-password-ja', as: null, locale: 'ja', path: async () => '/forgot' },
];

async function signIn(page: Page, demo: DemoServer, username: string): Promise<void> {
  await page.goto(`${demo.baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', demo.password);
  await Promise.all([page.waitForURL(`${demo.baseUrl}/`), page.click('button[type=submit]')]);
}

async function shoot(browser: Browser, demo: DemoServer, shot: Shot): Promise<void> {
  for (const width of WIDTHS) {
    const context = await browser.newContext({
      viewport: { width, height: width > 700 ? 800 : 780 },
      locale: shot.locale ?? 'en',
    });
    const page = await context.newPage();
    if (shot.as) await signIn(page, demo, shot.as);
    await page.goto(`${demo.baseUrl}${await shot.path(demo)}`);
    await shot.prepare?.(page);
    const file = join(OUT_DIR, `${shot.name}-${width}.png`);
    // The whole page, but a long list stops at MAX_HEIGHT: the README shows the top of each page.
    const height = await page.evaluate('document.documentElement.scrollHeight');
    await page.screenshot({
      path: file,
      fullPage: true,
      clip: { x: 0, y: 0, width, height: Math.min(Number(height), MAX_HEIGHT) },
    });
    console.log(`wrote docs/screenshots/${shot.name}-${width}.png`);
    await context.close();
  }
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const only = args.filter((arg) => !arg.startsWith('-'));
  mkdirSync(OUT_DIR, { recursive: true });
  const demo = await startDemoServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    for (const shot of SHOTS)
      if (only.length === 0 || only.includes(shot.name)) await shoot(browser, demo, shot);
  } finally {
    await browser.close();
    await demo.close();
  }
  return EXIT.ok;
}

runScript(main, USAGE);
