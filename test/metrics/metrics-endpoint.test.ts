import request from 'supertest';
import { FormClient } from '../support/form-client';
import { followLinkAndReset, readResetMail, smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const CUSTOMER = 'ada.customer@example.org';

/** The value of one sample line, e.g. `resetdesk_reset_completions_total 1`; 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('GET /metrics', () => {
  let testApp: TestApp;
  let sink: SmtpSink;
  afterEach(async () => {
    await testApp.close();
    await sink?.stop();
  });

  test('when METRICS_TOKEN is unset, then /metrics does not exist', async () => {
    testApp = buildTestApp();
    const res = await request(testApp.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(404);
  });

  test('when asked without the token or with another one, then it is 401; with it, the listed metrics are there', async () => {
    testApp = buildTestApp({ env: { METRICS_TOKEN } });
    expect((await request(testApp.app).get('/metrics')).status).toBe(401);
    const wrong = await request(testApp.app)
      .get('/metrics')
      .set('Authorization', 'Bearer not-the-token-at-all');
    expect(wrong.status).toBe(401);
    await request(testApp.app).get('/healthz');
    const res = await request(testApp.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    for (const name of [
      'resetdesk_http_requests_total',
      'resetdesk_http_request_duration_seconds',
      'resetdesk_reset_requests_total',
      'resetdesk_reset_completions_total',
      'resetdesk_reset_code_failures_total',
      'resetdesk_lockouts_total',
      'resetdesk_verification_outcomes_total',
      'resetdesk_outbox_depth',
      'resetdesk_outbox_oldest_age_seconds',
      'resetdesk_deliveries_total',
      'resetdesk_argon2_duration_seconds',
      'nodejs_eventloop_lag_seconds',
      'process_cpu_seconds_total',
    ]) {
      expect(res.text).toContain(`# TYPE ${name} `);
    }
    expect(
      sample(res.text, 'resetdesk_http_requests_total{method="GET",route="/healthz",status="200"}'),
    ).toBe(1);
  });

  test('when a user resets their password, then the counters move, and no label carries a user id, username or IP', async () => {
    sink = await new SmtpSink().start();
    testApp = buildTestApp({ env: { METRICS_TOKEN, APP_URL: 'https://desk.example.org' } });
    const user = await seedUser(testApp, { username: CUSTOMER });
    const scrape = async () =>
      (await request(testApp.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
    const before = await scrape();
    expect(sample(before, 'resetdesk_reset_completions_total')).toBe(0);

    await testApp.services.adminResets.sendResetLink(
      null,
      user,
      { ticketRef: null },
      { ip: '127.0.0.1', userAgent: 't' },
    );
    const queued = await scrape();
    expect(sample(queued, 'resetdesk_outbox_depth{channel="email"}')).toBe(1);
    expect(sample(queued, 'resetdesk_reset_requests_total{outcome="sent"}')).toBe(1);
    await smtpDelivery(testApp, sink)();
    const mail = readResetMail(sink.to(CUSTOMER)[0]!);
    const done = await followLinkAndReset(new FormClient(testApp.app), mail, NEW_PASSWORD);
    expect(done.status).toBe(303);

    // The password-changed notice the reset queued goes out too.
    await smtpDelivery(testApp, sink)();
    const after = await scrape();
    expect(sample(after, 'resetdesk_reset_completions_total')).toBe(1);
    expect(sample(after, 'resetdesk_deliveries_total{channel="email",result="sent"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(after, 'resetdesk_outbox_depth{channel="email"}')).toBe(0);
    expect(sample(after, 'resetdesk_argon2_duration_seconds_count{operation="hash"}')).toBeGreaterThan(0);
    expect(after).not.toContain(user.id);
    expect(after).not.toContain(CUSTOMER);
    expect(after).not.toContain('127.0.0.1');
    expect(after).toContain('route="/reset"');
  });
});
