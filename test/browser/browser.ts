import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Application } from 'express';
import type { User } from '../../src/store';
import { OTHER_STRONG_PASSWORD, seedUser } from '../support/users';
import type { TestApp } from '../web/harness';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A describe block that needs real Chromium. On a developer machine without it the suite is skipped
 * with the reason printed; on CI (CI=true) a missing browser is a failure, never a silent skip.
 */
export function describeInChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) return describe(name, body);
  const reason = `${CHROMIUM_PATH} is missing (install it with \`apt-get install -y chromium\`)`;
  if (process.env.CI === 'true') throw new Error(`Browser tests cannot run on CI: ${reason}.`);
  console.warn(`Skipping "${name}": ${reason}.`);
  describe.skip(name, body);
}

/** playwright-core gives each launch a fresh temporary profile (no --user-data-dir needed). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface RunningApp {
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app on a real socket: 127.0.0.1 and a free port. */
export async function listen(app: Application): Promise<RunningApp> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

declare global {
  interface Window {
    reportCspViolation?: (violation: string) => void;
  }
}

/**
 * Records what a page must never do: console errors, uncaught exceptions, CSP violations (seen both as
 * console messages and as `securitypolicyviolation` events, recorded by a script the browser injects
 * before the page's own, outside the page's CSP) and requests to any other origin.
 */
export async function guardPage(page: Page, baseUrl: string) {
  const problems = {
    consoleErrors: [] as string[],
    pageErrors: [] as string[],
    foreignRequests: [] as string[],
    cspViolations: [] as string[],
  };
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) {
      problems.consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && new URL(url).origin !== baseUrl) problems.foreignRequests.push(url);
  });
  // A binding survives navigations, so violations on every page of the scenario are kept.
  await page.exposeFunction('reportCspViolation', (violation: string) =>
    problems.cspViolations.push(violation),
  );
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.reportCspViolation?.(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  /** Everything that went wrong so far; a clean run gives CLEAN_PAGE. */
  return problems;
}

export const CLEAN_PAGE = { consoleErrors: [], pageErrors: [], foreignRequests: [], cspViolations: [] };

/** The administrator the browser suites sign in as: Grace Hopper, with OTHER_STRONG_PASSWORD. */
export const BROWSER_ADMIN = 'grace@example.org';

export function seedBrowserAdmin(testApp: TestApp): Promise<User> {
  return seedUser(testApp, {
    username: BROWSER_ADMIN,
    displayName: 'Grace Hopper',
    userType: 'admin_staff',
    roles: ['admin'],
    password: OTHER_STRONG_PASSWORD,
  });
}

export function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
