/**
 * Where webhooks may go: `https` only in production; in development also plain `http` to 127.0.0.1
 * (a receiver on the same machine). Null when allowed, else why not.
 */
export function webhookUrlRefusal(url: string, production: boolean): string | null {
  if (!URL.canParse(url)) return 'must be an absolute URL';
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return 'must not carry credentials';
  if (parsed.protocol === 'https:') return null;
  if (!production && parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1') return null;
  return production ? 'must be an https URL' : 'must be an https URL, or http://127.0.0.1 in development';
}
