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
 * audit CSV and on hover; this is only the summary.
 */
export function summarizeUserAgent(userAgent: string): string {
  if (!userAgent) return 'Unknown browser';
  if (userAgent.startsWith('scripts/')) return 'Command line';
  if (userAgent === 'outbox-worker') return 'Message worker';
  const browser = firstMatch(userAgent, BROWSERS);
  const system = firstMatch(userAgent, SYSTEMS);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : 'Another program');
}

/** An address as a person reads it: IPv4-mapped IPv6 (`::ffff:127.0.0.1`) as plain IPv4, loopback named. */
export function summarizeIp(ip: string): string {
  if (ip === 'cli' || ip === 'worker') return 'this server';
  const plain = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  return plain === '127.0.0.1' || plain === '::1' ? 'this server' : plain;
}
