import { createHash } from 'node:crypto';
import { signedInStaff } from '../support/admin';
import request from 'supertest';
import { csrfFrom } from '../support/form-client';
import { localized } from '../support/i18n';
import { buildTestApp, type TestApp } from '../web/harness';
import { apiTokenFrom, createTokenInConsole, postTokenForm } from './api-support';

describe('API tokens in the console (/admin/api-tokens)', () => {
  let testApp: TestApp;
  beforeEach(() => {
    testApp = buildTestApp();
  });
  afterEach(() => testApp.close());

  test('when an admin creates a token, then it is shown once as rd_ + 256 bits, stored only as its SHA-256, listed and audited', async () => {
    const { client, staff } = await signedInStaff(testApp, 'admin');
    const created = await postTokenForm(client, {
      name: 'ServiceNow',
      scopes: ['users:read', 'users:reset'],
      expiresInDays: '30',
    });
    expect(created.status).toBe(200);
    expect(created.headers['cache-control']).toMatch(/no-store/);
    const token = apiTokenFrom(created.text);
    expect(token).toMatch(/^rd_[A-Za-z0-9_-]{43}$/);

    const [stored] = await testApp.store.apiTokens.list();
    expect(stored).toMatchObject({
      name: 'ServiceNow',
      scopes: ['users:read', 'users:reset'],
      createdBy: staff.id,
      tokenHash: createHash('sha256').update(token).digest('hex'),
    });
    expect(JSON.stringify(stored)).not.toContain(token);
    const days = (stored!.expiresAt.getTime() - stored!.createdAt.getTime()) / 86_400_000;
    expect(days).toBe(30);

    const list = await client.get('/admin/api-tokens');
    expect(list.text).toContain('ServiceNow');
    expect(list.text).toContain('users:read users:reset');
    expect(list.text).toContain(staff.username);
    expect(list.text).not.toContain(token);
    const events = await testApp.store.audit.list({ action: 'api_token.created' }, 1, 10);
    expect(events.items[0]).toMatchObject({ actorId: staff.id, details: { name: 'ServiceNow' } });
    expect(JSON.stringify(events)).not.toContain(token);
  });

  test('when no expiry is given, then the token lasts 90 days; more than 365 days is refused', async () => {
    const { client } = await signedInStaff(testApp, 'admin');
    expect((await postTokenForm(client, { name: 'A', scopes: ['audit:read'] })).status).toBe(200);
    const [stored] = await testApp.store.apiTokens.list();
    expect((stored!.expiresAt.getTime() - stored!.createdAt.getTime()) / 86_400_000).toBe(90);
    const tooLong = await postTokenForm(client, { name: 'B', scopes: ['audit:read'], expiresInDays: '366' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('from 1 to 365');
  });

  test('when the form names no scope, an unknown one or no name, then it is a 400 and nothing is stored', async () => {
    const { client } = await signedInStaff(testApp, 'admin');
    for (const fields of [
      { name: 'X', scopes: [] },
      { name: 'X', scopes: ['users:delete'] },
      { name: ' ', scopes: ['users:read'] },
    ]) {
      const page = await postTokenForm(client, fields);
      expect(page.status).toBe(400);
      expect(page.text).toContain('data-testid="token-error"');
    }
    expect(await testApp.store.apiTokens.list()).toEqual([]);
  });

  test('when a Japanese-speaking admin manages tokens, then the console is in Japanese but the REST API answers in English', async () => {
    const { client, staff, token } = await createTokenInConsole(testApp, ['users:read']);
    await testApp.store.users.updateProfile(staff.id, { locale: 'ja', timeZone: 'Asia/Tokyo' }, new Date());
    const ja = localized('ja', 'Asia/Tokyo');
    const [stored] = await testApp.store.apiTokens.list();

    const list = await client.get('/admin/api-tokens');
    expect(list.text).toContain(`<h1 id="new-token-heading">${ja.t('api:tokens.title')}</h1>`);
    expect(list.text).toContain(`<td>${ja.t('api:tokens.active')}</td>`);
    expect(list.text).toContain(ja.formatDateTime(stored!.expiresAt));
    const api = await request(testApp.app)
      .get('/api/v1/users/nobody')
      .set('Authorization', `Bearer ${token}`)
      .set('Accept-Language', 'ja');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.body.title).toMatch(/^[A-Z][a-z]/);
    expect(JSON.stringify(api.body)).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);

    const refused = await postTokenForm(client, { name: 'B', scopes: ['audit:read'], expiresInDays: '366' });
    expect(refused.text).toContain(ja.t('api:errors.expiry_invalid', { max: 365 }));
    await client.agent
      .post(`/admin/api-tokens/${stored!.id}/revoke`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    const after = await client.get('/admin/api-tokens');
    expect(after.text).toContain(ja.t('api:flash.revoked', { name: 'ServiceNow' }));
    expect(after.text).toContain(`<td>${ja.t('api:tokens.revoked')}</td>`);
  });

  test('when a help-desk agent opens the page or posts the form, then it is a 403', async () => {
    const { client } = await signedInStaff(testApp, 'helpdesk');
    expect((await client.get('/admin/api-tokens')).status).toBe(403);
    const page = await client.get('/');
    const post = await client.agent
      .post('/admin/api-tokens')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&name=x&scopes=users:read`);
    expect(post.status).toBe(403);
    expect(await testApp.store.apiTokens.list()).toEqual([]);
  });

  test('when an admin revokes a token, then it is listed as revoked, audited, and a second revocation is a 404', async () => {
    const { client } = await createTokenInConsole(testApp, ['users:read']);
    const [stored] = await testApp.store.apiTokens.list();
    const list = await client.get('/admin/api-tokens');
    const revoke = await client.agent
      .post(`/admin/api-tokens/${stored!.id}/revoke`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    expect(revoke.status).toBe(303);
    const after = await client.get('/admin/api-tokens');
    expect(after.text).toContain('was revoked');
    expect(after.text).toContain('Revoked');
    const again = await client.agent
      .post(`/admin/api-tokens/${stored!.id}/revoke`)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: csrfFrom(after.text) });
    expect(again.status).toBe(404);
    const events = await testApp.store.audit.list({ action: 'api_token.revoked' }, 1, 10);
    expect(events.items).toHaveLength(1);
  });
});
