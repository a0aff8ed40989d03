import type { Translate } from './i18n/localization';

/** Checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari". */
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/(\b|Headless)Chrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const firstMatch = (text: string, table: readonly [RegExp, string][]) =>
  table.find(([pattern]) => pattern.test(text))?.[1] ?? null;

/**
 * A user agent as a person reads it: "Chrome on Windows", "Safari on iOS". The raw string stays in the
 * audit CSV and on hover; this is only the summary. Browser and system names are names, never translated.
 */
export function summarizeUserAgent(userAgent: string, t: Translate): string {
  if (!userAgent) return t('devices:unknown_browser');
  if (userAgent.startsWith('scripts/')) return t('devices:command_line');
  if (userAgent === 'outbox-worker') return t('devices:message_worker');
  const browser = firstMatch(userAgent, BROWSERS);
  const system = firstMatch(userAgent, SYSTEMS);
  if (browser && system) return t('devices:browser_on_system', { browser, system });
  if (browser) return browser;
  return system ? t('devices:browser_on', { system }) : t('devices:another_program');
}

/** Loopback, or the `cli` and `worker` the scripts and workers record. */
function isThisServer(ip: string): boolean {
  return ['cli', 'worker', '127.0.0.1', '::1'].includes(ip);
}

/**
 * Where a session or an event came from, as a person reads it: "Chrome on Windows from 203.0.113.7", or
 * the program alone when it ran on this server.
 */
export function describeSource(userAgent: string, ip: string, t: Translate): string {
  const device = summarizeUserAgent(userAgent, t);
  const place = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  // Isolated left-to-right (U+2066…U+2069): an IPv6 address keeps its order inside Arabic text.
  return isThisServer(place) ? device : t('devices:from_place', { device, place: `\u2066${place}\u2069` });
}
