import { signedInStaff } from '../support/admin';
import { csrfFrom, type FormClient } from '../support/form-client';
import type { TestApp } from '../web/harness';

/** The token from the page that shows it once. */
export function apiTokenFrom(html: string): string {
  const match = /data-testid="api-token">([^<]+)</.exec(html);
  if (!match) throw new Error('no API token on the page');
  return match[1]!;
}

/** Posts the create form as a browser would: each checked scope as its own `scopes` field. */
export async function postTokenForm(
  client: FormClient,
  fields: { name: string; scopes: string[]; expiresInDays?: string },
) {
  const page = await client.get('/admin/api-tokens');
  const form = new URLSearchParams({ _csrf: csrfFrom(page.text), name: fields.name });
  for (const scope of fields.scopes) form.append('scopes', scope);
  if (fields.expiresInDays !== undefined) form.append('expiresInDays', fields.expiresInDays);
  return client.agent.post('/admin/api-tokens').set('Accept', 'text/html').type('form').send(form.toString());
}

/** An admin signed in through the console creates a token and reads it off the page. */
export async function createTokenInConsole(testApp: TestApp, scopes: string[], name = 'ServiceNow') {
  const { client, staff } = await signedInStaff(testApp, 'admin');
  const page = await postTokenForm(client, { name, scopes });
  if (page.status !== 200) throw new Error(`token creation answered ${page.status}`);
  return { client, staff, token: apiTokenFrom(page.text) };
}
