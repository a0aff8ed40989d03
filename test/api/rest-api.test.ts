import request from 'supertest';
import { csrfFrom } from '../support/form-client';
import { smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';
import { apiTokenFrom, createTokenInConsole, postTokenForm } from './api-support';
import { OpenApiCheck } from './openapi-check';

const CUSTOMER = 'ada.customer@example.org';

describe('the REST API (/api/v1) with a token from the console', () => {
  let testApp: TestApp;
  let sink: SmtpSink;
  let check: OpenApiCheck;
  let now: Date;

  async function build(env: Record<string, string> = {}) {
    sink = await new SmtpSink().start();
    now = new Date();
    testApp = buildTestApp({
      env: { APP_URL: 'https://desk.example.org', HELPDESK_VERIFICATION: 'optional', ...env },
      clock: () => now,
    });
    check = new OpenApiCheck((await request(testApp.app).get('/api/v1/openapi.json')).body);
  }
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
  });

  const api = (token: string | null) => ({
    get: (path: string) => {
      const req = request(testApp.app).get(`/api/v1${path}`);
      return token ? req.set('Authorization', `Bearer ${token}`) : req;
    },
    post: (path: string, body: object, headers: Record<string, string> = {}) => {
      const req = request(testApp.app).post(`/api/v1${path}`).set(headers).send(body);
      return token ? req.set('Authorization', `Bearer ${token}`) : req;
    },
  });

  test('when a users:read users:reset token finds a user and sends a reset link, then it is 202 and the mail reaches the SMTP server; POST /users is 403', async () => {
    await build();
    const customer = await seedUser(testApp, { username: CUSTOMER, displayName: 'Ada Customer' });
    const { token, staff } = await createTokenInConsole(testApp, ['users:read', 'users:reset']);

    const found = await api(token).get('/users?q=ada.customer');
    expect(found.status).toBe(200);
    check.expectValid('get', '/users', found);
    expect(found.body.items.map((user: { id: string }) => user.id)).toEqual([customer.id]);

    const detail = await api(token).get(`/users/${customer.id}`);
    check.expectValid('get', '/users/{id}', detail);
    expect(detail.body).toMatchObject({ username: CUSTOMER, status: 'active', hasPassword: true });
    expect(JSON.stringify(detail.body)).not.toContain('passwordHash');

    const sent = await api(token).post(`/users/${customer.id}/reset-link`, { ticketRef: 'INC0012345' });
    expect(sent.status).toBe(202);
    check.expectValid('post', '/users/{id}/reset-link', sent);
    expect(sent.body).toMatchObject({ purpose: 'reset', to: CUSTOMER, verified: false });
    expect(sent.headers.location).toBe(sent.body.deliveryUrl);

    const queued = await api(token).get(`/deliveries/${sent.body.outboxId}`);
    check.expectValid('get', '/deliveries/{outboxId}', queued);
    expect(queued.body.state).toBe('queued');
    await smtpDelivery(testApp, sink)();
    expect(sink.to(CUSTOMER)).toHaveLength(1);
    const delivered = await api(token).get(`/deliveries/${sent.body.outboxId}`);
    expect(delivered.body.state).toBe('sent');

    const [event] = (await testApp.store.audit.list({ action: 'reset.requested' }, 1, 5)).items;
    expect(event).toMatchObject({
      actorId: staff.id,
      targetId: customer.id,
      details: { ticketRef: 'INC0012345', apiToken: 'ServiceNow' },
    });

    const refused = await api(token).post('/users', {
      username: 'new@example.org',
      displayName: 'New',
      userType: 'customer',
    });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    check.expectValid('post', '/users', refused);
    expect(refused.body).toMatchObject({
      code: 'scope_missing',
      type: 'urn:resetdesk:problem:scope_missing',
    });
  });

  test('when no token, a malformed one, a revoked one or an expired one is sent, then it is 401 problem+json', async () => {
    await build();
    const { token, client } = await createTokenInConsole(testApp, ['users:read']);
    for (const bad of [null, 'rd_not-a-real-token', 'Basic abc']) {
      const res = await api(bad).get('/users');
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      check.expectValid('get', '/users', res);
    }
    expect((await api(token).get('/users')).status).toBe(200);

    now = new Date(now.getTime() + 91 * 86_400_000);
    const expired = await api(token).get('/users');
    expect(expired.status).toBe(401);
    now = new Date();

    const [stored] = await testApp.store.apiTokens.list();
    const page = await client.get('/admin/api-tokens');
    await client.agent
      .post(`/admin/api-tokens/${stored!.id}/revoke`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    const revoked = await api(token).get('/users');
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('unauthorized');
  });

  test('when the same POST is sent twice with one Idempotency-Key, then one mail is sent and both answers are the same; another body is 422', async () => {
    await build();
    const customer = await seedUser(testApp, { username: CUSTOMER });
    const { token } = await createTokenInConsole(testApp, ['users:read', 'users:reset']);
    const headers = { 'Idempotency-Key': 'ticket-INC0099-1' };
    const first = await api(token).post(
      `/users/${customer.id}/reset-link`,
      { ticketRef: 'INC0099' },
      headers,
    );
    const second = await api(token).post(
      `/users/${customer.id}/reset-link`,
      { ticketRef: 'INC0099' },
      headers,
    );
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    await smtpDelivery(testApp, sink)();
    expect(sink.to(CUSTOMER)).toHaveLength(1);

    const other = await api(token).post(
      `/users/${customer.id}/reset-link`,
      { ticketRef: 'INC0100' },
      headers,
    );
    expect(other.status).toBe(422);
    check.expectValid('post', '/users/{id}/reset-link', other);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  test('when a token makes more requests a minute than API_RATE_LIMIT_PER_MINUTE, then it gets 429 with Retry-After, and another token does not', async () => {
    await build({ API_RATE_LIMIT_PER_MINUTE: '3' });
    const { token, client } = await createTokenInConsole(testApp, ['users:read']);
    for (let i = 0; i < 3; i++) expect((await api(token).get('/users')).status).toBe(200);
    const limited = await api(token).get('/users');
    expect(limited.status).toBe(429);
    check.expectValid('get', '/users', limited);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    const second = await postTokenForm(client, { name: 'Zendesk', scopes: ['users:read'] });
    expect((await api(apiTokenFrom(second.text)).get('/users')).status).toBe(200);
  });

  test('when the body or ids are wrong, then the answers are 400, 404 and 415 problems, never 5xx', async () => {
    await build();
    const customer = await seedUser(testApp, { username: CUSTOMER });
    const { token } = await createTokenInConsole(testApp, ['users:read', 'users:reset', 'users:update']);
    const unknown = await api(token).post('/users/no-such-user/reset-link', {});
    expect(unknown.status).toBe(404);
    check.expectValid('post', '/users/{id}/reset-link', unknown);
    const extra = await api(token).post(`/users/${customer.id}/reset-link`, { ticketRef: 5, nope: true });
    expect(extra.status).toBe(400);
    check.expectValid('post', '/users/{id}/reset-link', extra);
    for (const body of [{ ticketRef: { $gt: '' } }, { ticketRef: ['INC1'] }, [{ ticketRef: 'INC1' }]]) {
      const shaped = await api(token).post(`/users/${customer.id}/reset-link`, body);
      expect(shaped.status).toBe(400);
      expect(shaped.body.code).toBe('invalid_request');
    }
    expect(await testApp.store.outbox.depthByChannel()).toEqual([]);
    const broken = await request(testApp.app)
      .post(`/api/v1/users/${customer.id}/reset-link`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"ticketRef":');
    expect(broken.status).toBe(400);
    expect(broken.headers['content-type']).toMatch(/problem\+json/);
    const form = await request(testApp.app)
      .post(`/api/v1/users/${customer.id}/reset-link`)
      .set('Authorization', `Bearer ${token}`)
      .type('form')
      .send('ticketRef=x');
    expect(form.status).toBe(415);
    const invalid = await api(token).post('/users', {
      username: 'not an address',
      displayName: '',
      userType: 'customer',
    });
    expect(invalid.status).toBe(422);
    check.expectValid('post', '/users', invalid);
    expect(invalid.body.errors.length).toBeGreaterThan(0);
    const badPage = await api(token).get('/users?status=sleeping');
    expect(badPage.status).toBe(400);
    check.expectValid('get', '/users', badPage);
  });

  test('when a users:update token creates a user with an invitation, then it is 201 and the invitation is queued', async () => {
    await build();
    const { token } = await createTokenInConsole(testApp, ['users:update']);
    const created = await api(token).post('/users', {
      username: 'newbie@example.org',
      displayName: 'New Bie',
      userType: 'customer',
      sendInvite: true,
    });
    expect(created.status).toBe(201);
    check.expectValid('post', '/users', created);
    expect(created.body).toMatchObject({ status: 'pending', invited: true, roles: ['member'] });
    const again = await api(token).post('/users', {
      username: 'newbie@example.org',
      displayName: 'New Bie',
      userType: 'customer',
    });
    expect(again.status).toBe(409);
    check.expectValid('post', '/users', again);
    await smtpDelivery(testApp, sink)();
    expect(sink.to('newbie@example.org')).toHaveLength(1);
  });

  test('when an agent verifies a caller through the API, then the reset link records the verified caller', async () => {
    await build();
    const customer = await seedUser(testApp, { username: CUSTOMER });
    const { token } = await createTokenInConsole(testApp, ['users:read', 'users:reset']);

    const sent = await api(token).post(`/users/${customer.id}/verify`, {
      channel: 'email',
      ticketRef: 'INC1',
    });
    expect(sent.status).toBe(202);
    check.expectValid('post', '/users/{id}/verify', sent);
    await smtpDelivery(testApp, sink)();
    const code = /\b(\d{6})\b/.exec(sink.to(CUSTOMER)[0]!.text ?? '')![1]!;
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await api(token).post(`/users/${customer.id}/verify/confirm`, { code: wrongCode });
    expect(wrong.status).toBe(422);
    check.expectValid('post', '/users/{id}/verify/confirm', wrong);
    expect(wrong.body.attemptsLeft).toBe(2);
    const confirmed = await api(token).post(`/users/${customer.id}/verify/confirm`, { code });
    expect(confirmed.status).toBe(200);
    check.expectValid('post', '/users/{id}/verify/confirm', confirmed);

    const reset = await api(token).post(`/users/${customer.id}/reset-link`, { ticketRef: 'INC1' });
    expect(reset.status).toBe(202);
    expect(reset.body).toMatchObject({ verified: true, verificationId: sent.body.verificationId });
  });

  test('when an audit:read token pages through the audit log, then the cursor walks every event once', async () => {
    await build();
    const { token } = await createTokenInConsole(testApp, ['audit:read', 'users:read']);
    const total = (await testApp.store.audit.list({}, 1, 1)).total;
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res = await api(token).get(`/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      check.expectValid('get', '/audit', res);
      seen.push(...res.body.items.map((event: { seq: number }) => event.seq));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const badCursor = await api(token).get('/audit?cursor=bm9wZQ');
    expect(badCursor.status).toBe(400);
  });
});

describe('which scopes a token may hold', () => {
  let testApp: TestApp;
  beforeEach(() => {
    testApp = buildTestApp();
  });
  afterEach(() => testApp.close());

  test('when a creator lacks a scope, then the token cannot be made with it, and a demoted creator’s token loses it', async () => {
    const helpdesk = await seedUser(testApp, { username: 'desk@example.org', roles: ['helpdesk'] });
    const context = { ip: '127.0.0.1', userAgent: 'test' };
    const refused = await testApp.services.apiTokens.create(
      helpdesk,
      { name: 'x', scopes: ['audit:read'], expiresInDays: null },
      context,
    );
    expect(refused).toEqual({ ok: false, error: 'scope_not_held' });

    const { token, staff } = await createTokenInConsole(testApp, ['users:read', 'audit:read']);
    await testApp.store.users.updateProfile(staff.id, { roles: ['helpdesk'] }, new Date());
    const caller = await testApp.services.apiTokens.authenticate(token);
    expect(caller.ok && caller.caller.scopes).toEqual(['users:read']);
    const audit = await request(testApp.app).get('/api/v1/audit').set('Authorization', `Bearer ${token}`);
    expect(audit.status).toBe(403);
  });
});
