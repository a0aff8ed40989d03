import type { Application } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';

/** Reads the `_csrf` hidden input a page rendered. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('page has no _csrf field');
  return match[1]!;
}

/** A browser-like client: one cookie jar, fetches each form before posting it, as a person would. */
export class FormClient {
  readonly agent: TestAgent;

  /** An in-process app, or the base URL of a running server process. */
  constructor(app: Application | string) {
    this.agent = request.agent(app);
  }

  get(path: string) {
    return this.agent.get(path).set('Accept', 'text/html');
  }

  /** GETs `formPath`, then POSTs the fields with that page's CSRF token. */
  async submit(formPath: string, fields: Record<string, string>, actionPath = formPath) {
    const page = await this.get(formPath);
    return this.agent
      .post(actionPath)
      .set('Accept', 'text/html')
      .type('form')
      .send({ ...fields, _csrf: csrfFrom(page.text) });
  }

  async signIn(username: string, password: string) {
    return this.submit('/login', { username, password });
  }
}
