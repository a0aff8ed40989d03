import request from 'supertest';
import { buildTestApp, type TestApp } from './harness';

describe('health endpoints', () => {
  let testApp: TestApp;

  beforeEach(() => {
    testApp = buildTestApp();
  });

  afterEach(async () => {
    await testApp.close();
  });

  it('when /healthz is requested, then it answers 200 {"status":"ok"} as JSON', async () => {
    const res = await request(testApp.app).get('/healthz');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when the store is reachable, then /readyz answers 200 {"status":"ok"}', async () => {
    const res = await request(testApp.app).get('/readyz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when the store has been closed, then /readyz answers 503 {"status":"unavailable"}', async () => {
    await request(testApp.app).get('/readyz').expect(200);

    await testApp.store.close();
    const res = await request(testApp.app).get('/readyz');

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable' });
  });
});
