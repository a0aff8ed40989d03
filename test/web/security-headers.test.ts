import request from 'supertest';
import { buildTestApp, type TestApp } from './harness';

function parseCsp(header: string): Map<string, string> {
  return new Map(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

describe('security headers', () => {
  let testApp: TestApp;

  afterEach(async () => {
    await testApp.close();
  });

  it('when a page is served, then it carries a strict CSP without unsafe-inline', async () => {
    testApp = buildTestApp();

    const res = await request(testApp.app).get('/');

    const header = res.headers['content-security-policy'] as string;
    expect(header).toBeDefined();
    expect(header).not.toMatch(/unsafe-inline|unsafe-eval/);
    const csp = parseCsp(header);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('when a page is served, then Referrer-Policy is no-referrer and X-Powered-By is absent', async () => {
    testApp = buildTestApp();

    const res = await request(testApp.app).get('/');

    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('when not in production, then no HSTS header is sent', async () => {
    testApp = buildTestApp();

    const res = await request(testApp.app).get('/healthz');

    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('when in production, then HSTS is sent and insecure requests are upgraded', async () => {
    testApp = buildTestApp({
      env: {
        NODE_ENV: 'production',
        APP_URL: 'https://reset.example.com',
        SMTP_URL: 'smtp://127.0.0.1:2525',
      },
    });

    const res = await request(testApp.app).get('/healthz');

    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{8,}/);
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('when the client sends its own X-Request-Id, then the app ignores it and issues a random UUID', async () => {
    testApp = buildTestApp();

    const res = await request(testApp.app).get('/healthz').set('X-Request-Id', 'client-chosen-id');

    expect(res.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const entry = await testApp.logs.waitFor((line) => line.msg === 'GET 200');
    expect(entry.requestId).toBe(res.headers['x-request-id']);
  });
});
