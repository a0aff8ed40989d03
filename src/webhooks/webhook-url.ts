export type WebhookUrlProblem = 'not_absolute' | 'credentials' | 'not_https' | 'not_https_or_local';

/**
 * Where webhooks may go: `https` only in production; in development also plain `http` to 127.0.0.1
 * (a receiver on the same machine). Null when allowed, else why not.
 */
export function checkWebhookUrl(url: string, production: boolean): WebhookUrlProblem | null {
  if (!URL.canParse(url)) return 'not_absolute';
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return 'credentials';
  if (parsed.protocol === 'https:') return null;
  if (!production && parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1') return null;
  return production ? 'not_https' : 'not_https_or_local';
}

/** For operators (configuration errors, delivery logs): always in English. */
const OPERATOR_TEXT: Record<WebhookUrlProblem, string> = {
  not_absolute: 'must be an absolute URL',
  credentials: 'must not carry credentials',
  not_https: 'must be an https URL',
  not_https_or_local: 'must be an https URL, or http://127.0.0.1 in development',
};

export function webhookUrlRefusal(url: string, production: boolean): string | null {
  const problem = checkWebhookUrl(url, production);
  return problem ? OPERATOR_TEXT[problem] : null;
}
