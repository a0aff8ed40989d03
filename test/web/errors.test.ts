import { Router } from 'express';
import request from 'supertest';
import { HttpError } from '../../src/web/errors';
import { spyOnRawOutput } from '../support/raw-output';
import { buildTestApp, type TestApp } from './harness';

const HIDDEN_DETAIL = 'internal detail 8c1f: connection string mongodb://db';

function createFailingRouter(): Router {
  const router = Router();
  router.get('/boom', () => {
    throw new Error(HIDDEN_DETAIL);
  });
  router.get('/boom-async', async () => {
    await Promise.resolve();
    throw new Error(HIDDEN_DETAIL);
  });
  router.get('/boom-mid-body', async (_req, res) => {
    res.type('text/plain').write('the start of a long answer\n');
    await Promise.resolve();
    throw new Error(HIDDEN_DETAIL);
  });
  router.get('/forbidden', () => {
    throw new HttpError(403, 'Only administrators can open this page.');
  });
  router.post('/echo', (req, res) => {
    res.json({ received: req.body });
  });
  return router;
}

const STACK_LINE = /\n\s+at\s|\.ts:\d+/;

describe('error handling', () => {
  let testApp: TestApp;

  beforeEach(() => {
    testApp = buildTestApp({ extraRouters: [createFailingRouter()] });
  });

  afterEach(async () => {
    await testApp.close();
  });

  it('when an unknown page is requested by a browser, then a 404 HTML page is shown in the layout', async () => {
    const res = await request(testApp.app).get('/no-such-page').set('Accept', 'text/html');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('Page not found');
    expect(res.text).toContain('<main id="main"');
    expect(res.text).toContain('ResetDesk');
  });

  it('when an unknown route is requested by a JSON client, then a 404 JSON error is returned', async () => {
    const res = await request(testApp.app).get('/api/nothing').set('Accept', 'application/json');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ error: 'not_found', message: expect.any(String) });
  });

  it('when a JSON body is malformed, then the answer is 400 with a clear message and no stack', async () => {
    const res = await request(testApp.app)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .set('Accept', 'application/json')
      .send('{"username": ');

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'bad_request', message: 'The request body is not valid JSON.' });
    expect(res.text).not.toMatch(STACK_LINE);
    expect(res.text).not.toContain('SyntaxError');
  });

  it('when a browser sends a malformed JSON body, then it gets a 400 page with the same message', async () => {
    const res = await request(testApp.app)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .set('Accept', 'text/html')
      .send('{not json');

    expect(res.status).toBe(400);
    expect(res.text).toContain('The request body is not valid JSON.');
    expect(res.text).not.toMatch(STACK_LINE);
  });

  it('when a form body is over 16 KB, then the answer is 413 with a clear message', async () => {
    const res = await request(testApp.app)
      .post('/echo')
      .type('form')
      .set('Accept', 'application/json')
      .send({ username: 'x'.repeat(17 * 1024) });

    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      error: 'payload_too_large',
      message: expect.stringContaining('too large'),
    });
  });

  it('when a route throws HttpError, then its status and public message are shown', async () => {
    const res = await request(testApp.app).get('/forbidden');

    expect(res.status).toBe(403);
    expect(res.text).toContain('Only administrators can open this page.');
  });

  it.each(['/boom', '/boom-async'])(
    'when %s throws a generic Error, then a 500 page shows a request id and no internals, and the error is logged',
    async (path) => {
      const res = await request(testApp.app).get(path).set('Accept', 'text/html');

      expect(res.status).toBe(500);
      expect(res.text).toContain('Something went wrong');
      expect(res.text).not.toContain(HIDDEN_DETAIL);
      expect(res.text).not.toMatch(STACK_LINE);
      const requestId = res.headers['x-request-id'] as string;
      expect(requestId).toBeTruthy();
      expect(res.text).toContain(requestId);

      const logged = await testApp.logs.waitFor((entry) => entry.msg === 'request failed');
      expect(logged.level).toBe(50);
      expect(logged.requestId).toBe(requestId);
      expect(JSON.stringify(logged.err)).toContain(HIDDEN_DETAIL);
    },
  );

  it('when a JSON client hits a failing route, then it gets {error:"internal_error"} without details', async () => {
    const res = await request(testApp.app).get('/boom').set('Accept', 'application/json');

    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: 'internal_error', requestId: res.headers['x-request-id'] });
    expect(res.text).not.toContain(HIDDEN_DETAIL);
  });
});

describe('error handling without access logs', () => {
  it('when a route throws and REQUEST_LOGS is off, then the error is still logged with the request id', async () => {
    const testApp = buildTestApp({ env: { REQUEST_LOGS: 'off' }, extraRouters: [createFailingRouter()] });
    try {
      const res = await request(testApp.app).get('/boom').set('Accept', 'text/html');

      const logged = await testApp.logs.waitFor((entry) => entry.msg === 'request failed');
      expect(logged.requestId).toBe(res.headers['x-request-id']);
      expect(testApp.logs.entries().filter((entry) => entry.msg === 'GET 500')).toEqual([]);
    } finally {
      await testApp.close();
    }
  });
});

describe('error handling in development', () => {
  it('when a route throws in development, then the 500 page includes the stack trace', async () => {
    const testApp = buildTestApp({ env: { NODE_ENV: 'development' }, extraRouters: [createFailingRouter()] });
    try {
      const res = await request(testApp.app).get('/boom');

      expect(res.status).toBe(500);
      expect(res.text).toContain('Stack trace (development only)');
      expect(res.text).toContain(HIDDEN_DETAIL);
    } finally {
      await testApp.close();
    }
  });

  it('when a route fails after its response started, then the connection ends, the error is logged once and nothing is printed raw', async () => {
    const testApp = buildTestApp({ env: { NODE_ENV: 'development' }, extraRouters: [createFailingRouter()] });
    const raw = spyOnRawOutput();
    try {
      const cutOff = await request(testApp.app)
        .get('/boom-mid-body')
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(cutOff).toMatchObject({ message: 'aborted' });
      // Another round trip: Express's final handler would print on a later tick.
      await request(testApp.app).get('/healthz').expect(200);

      const failures = testApp.logs.entries().filter((entry) => entry.msg === 'request failed');
      expect(failures.map((entry) => entry.level)).toEqual([50]);
      expect(raw.written()).toEqual([]);
    } finally {
      raw.restore();
      await testApp.close();
    }
  });
});
