import { STRONG_PASSWORD } from '../support/users';
import { Router } from 'express';
import request from 'supertest';
import { configFrom } from '../../src/config';
import { createLogger } from '../../src/web/logger';
import { buildTestApp, LogCapture, TEST_SECRETS, type TestApp } from './harness';

function createRedirectingRouter(): Router {
  const router = Router();
  router.get('/go', (_req, res) => {
    res.cookie('rd.sid', 'SETCOOKIEVALUE', { httpOnly: true }).redirect(303, '/reset?token=LOCATIONSECRET');
  });
  return router;
}

describe('request logging', () => {
  let testApp: TestApp;

  beforeEach(() => {
    testApp = buildTestApp({ extraRouters: [createRedirectingRouter()] });
  });

  afterEach(async () => {
    await testApp.close();
  });

  it('when a reset link is opened, then its token never reaches the log', async () => {
    await request(testApp.app)
      .get('/reset?token=SECRETVALUE')
      .set('Referer', 'https://mail.example.com/open?token=SECRETVALUE');

    const entry = await testApp.logs.waitFor((line) => (line.req as { url?: string })?.url === '/reset');
    expect((entry.res as { statusCode: number }).statusCode).toBe(303);
    expect(testApp.logs.lines.join('')).not.toContain('SECRETVALUE');
  });

  it('when a request carries a cookie and an authorization header, then both are redacted', async () => {
    await request(testApp.app)
      .get('/healthz')
      .set('Cookie', 'rd.sid=SESSIONCOOKIEVALUE')
      .set('Authorization', 'Bearer AUTHVALUE');

    const entry = await testApp.logs.waitFor((line) => line.msg === 'GET 200');
    expect((entry.req as { headers: Record<string, string> }).headers.cookie).toBe('[Redacted]');
    const text = testApp.logs.lines.join('');
    expect(text).not.toContain('SESSIONCOOKIEVALUE');
    expect(text).not.toContain('AUTHVALUE');
  });

  it('when a response sets a cookie and redirects with a query, then neither value is logged', async () => {
    await request(testApp.app).get('/go').expect(303);

    const entry = await testApp.logs.waitFor((line) => line.msg === 'GET 303');
    expect((entry.res as { headers: Record<string, unknown> }).headers).toMatchObject({
      location: '/reset',
      'set-cookie': '[Redacted]',
    });
    const text = testApp.logs.lines.join('');
    expect(text).not.toContain('SETCOOKIEVALUE');
    expect(text).not.toContain('LOCATIONSECRET');
  });

  it('when a request carries an unlisted header, then that header is not logged', async () => {
    await request(testApp.app).get('/healthz').set('X-Api-Key', 'APIKEYVALUE');

    await testApp.logs.waitFor((line) => line.msg === 'GET 200');
    expect(testApp.logs.lines.join('')).not.toContain('APIKEYVALUE');
  });
});

describe('logger redaction', () => {
  it('when secrets are logged inside objects, then every secret field is redacted at any depth', () => {
    const capture = new LogCapture();
    const config = configFrom({ NODE_ENV: 'test', DATA_DIR: '/tmp/unused', ...TEST_SECRETS });
    const logger = createLogger(config, capture);

    logger.info(
      {
        password: 'P1',
        body: { password: 'P2', confirmPassword: 'P3', currentPassword: 'P4', _csrf: 'P5', code: '123456' },
        form: { nested: { token: 'P6', setupToken: 'P7' } },
        res: { headers: { 'set-cookie': ['rd.sid=P8'] } },
      },
      'submitted',
    );

    const line = capture.lines.join('');
    for (const secret of ['P1', 'P2', 'P3', 'P4', 'P5', '123456', 'P6', 'P7', 'P8']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('submitted');
  });

  it('when the level is warn, then info lines are not written', () => {
    const capture = new LogCapture();
    const config = configFrom({
      NODE_ENV: 'test',
      DATA_DIR: '/tmp/unused',
      LOG_LEVEL: 'warn',
      ...TEST_SECRETS,
    });
    const logger = createLogger(config, capture);

    logger.info('quiet');
    logger.warn('loud');

    expect(capture.entries().map((entry) => entry.msg)).toEqual(['loud']);
  });

  it('when a test password reaches a log line, then closing the test app fails', async () => {
    const leaky = buildTestApp();
    leaky.logs.write(`{"msg":"oops ${STRONG_PASSWORD}"}\n`);
    await expect(leaky.close()).rejects.toThrow('a secret reached the logs');
  });
});
