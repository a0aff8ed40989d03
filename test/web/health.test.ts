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

  it('when the store is reachable and no mail waits, then /readyz answers 200 {"status":"ok"} with a healthy outbox', async () => {
    const res = await request(testApp.app).get('/readyz');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      status: 'ok',
      outbox: { failing: false, failingSince: null },
      breachedPasswords: { corpus: 'off' },
    });
  });

  it('when mail delivery is failing, then /readyz still answers 200 and says since when, but no counts', async () => {
    const queuedAt = new Date('2030-01-01T08:00:00Z');
    const later = new Date('2030-01-01T09:00:00Z');
    const outbox = testApp.store.outbox;
    for (const at of [queuedAt, later, later])
      await outbox.enqueue(
        { channel: 'email', payload: 'sealed', usefulUntil: new Date('2030-01-04T00:00:00Z'), userId: null },
        at,
      );
    const claimed = await outbox.claimDue(later, 10, 60_000);
    for (const item of claimed) await outbox.markFailed(item.id, 'ESOCKET: could not connect', later, later);

    const res = await request(testApp.app).get('/readyz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      outbox: { failing: true, failingSince: '2030-01-01T08:00:00.000Z' },
      breachedPasswords: { corpus: 'off' },
    });
  });

  it('when the store has been closed, then /readyz answers 503 {"status":"unavailable"}', async () => {
    await request(testApp.app).get('/readyz').expect(200);

    await testApp.store.close();
    const res = await request(testApp.app).get('/readyz');

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable' });
  });
});
