import { Agent, request, type IncomingHttpHeaders } from 'node:http';

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Production marks the session cookie Secure; the bench stands in for the TLS-terminating proxy
 * in front of the app (TRUST_PROXY=loopback), so every request says it arrived over https.
 */
export const PROXY_HEADERS = { 'x-forwarded-proto': 'https' } as const;

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SendOptions {
  cookie?: string;
  form?: Record<string, string>;
}

/** A keep-alive client for one server, at most `maxSockets` requests in flight. */
export class BenchClient {
  private readonly agent: Agent;

  constructor(
    readonly port: number,
    maxSockets = 1,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  send(method: 'GET' | 'POST', path: string, options: SendOptions = {}): Promise<HttpResponse> {
    const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
    const headers: Record<string, string> = { ...PROXY_HEADERS, accept: 'text/html' };
    if (options.cookie) headers.cookie = options.cookie;
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** `name=value` of the session cookie a response set, or null. */
export function sessionCookieFrom(response: HttpResponse): string | null {
  const cookie = (response.headers['set-cookie'] ?? []).find((value) => value.startsWith('resetdesk.sid='));
  return cookie ? cookie.split(';')[0]! : null;
}

export function csrfFrom(html: string): string | null {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? null;
}

/** A browser's state after it loaded a form: its session cookie and that form's CSRF token. */
export interface FormSession {
  cookie: string;
  csrf: string;
}

/** GETs a form page with an existing cookie (or none) and returns the session it belongs to. */
export async function openFormSession(
  client: BenchClient,
  path: string,
  cookie?: string,
): Promise<FormSession> {
  const page = await client.send('GET', path, cookie ? { cookie } : {});
  const sessionCookie = sessionCookieFrom(page) ?? cookie;
  const csrf = csrfFrom(page.body);
  if (page.status !== 200 || !sessionCookie || !csrf) {
    throw new Error(`GET ${path} gave ${page.status} without a session or CSRF token`);
  }
  return { cookie: sessionCookie, csrf };
}
