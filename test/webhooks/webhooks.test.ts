import { Webhook } from 'standardwebhooks';
import { configFrom } from '../../src/config';
import { createDevMailbox } from '../../src/mail/dev-mailbox';
import { createSmtpTransport } from '../../src/mail/smtp-transport';
import { createOutboxWorker } from '../../src/outbox/outbox-worker';
import { createWebhookTransport } from '../../src/webhooks/webhook-transport';
import { signedInStaff } from '../support/admin';
import { csrfFrom, FormClient } from '../support/form-client';
import { en, localized } from '../support/i18n';
import { followLinkAndReset, readResetMail } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, TEST_SECRETS, type TestApp } from '../web/harness';
import { WebhookReceiver } from './webhook-receiver';

/** A message as EJS writes it into the page. */
function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&#34;');
}

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const CUSTOMER = 'ada.customer@example.org';
const CONTEXT = { ip: '127.0.0.1', userAgent: 'test' };

describe('webhooks to a real loopback receiver, through the outbox', () => {
  let testApp: TestApp;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let now: Date;

  async function build(env: Record<string, string> = {}) {
    sink = await new SmtpSink().start();
    now = new Date();
    testApp = buildTestApp({
      env: { APP_URL: 'https://desk.example.org', HELPDESK_VERIFICATION: 'optional', ...env },
      clock: () => now,
    });
  }
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
    await receiver.stop();
  });

  /** The waiting /forgot intents resolved, then the real worker with SMTP and the webhook transport, until nothing is due now. */
  async function deliver() {
    await testApp.resolveResetIntents();
    const worker = createOutboxWorker({
      outbox: testApp.store.outbox,
      cipher: testApp.services.cipher,
      transports: {
        email: createSmtpTransport(sink.url, 'ResetDesk <no-reply@test>'),
        sms: createDevMailbox(),
        webhook: createWebhookTransport({ store: testApp.store, clock: () => now, production: false }),
      },
      clock: () => now,
      logger: testApp.logger,
      audit: testApp.services.audit,
      retryBaseMs: 1000,
      pollMs: 50,
      messageIdDomain: 'localhost',
      random: () => 0,
    });
    try {
      return await worker.drain();
    } finally {
      await worker.stop();
    }
  }

  /** An admin sends the reset link, the user completes it by the link: a self-service reset. */
  async function resetByLink() {
    const user = await seedUser(testApp, { username: CUSTOMER });
    await testApp.services.adminResets.sendResetLink(null, user, { ticketRef: 'INC42' }, CONTEXT);
    await deliver();
    const mail = readResetMail(sink.to(CUSTOMER)[0]!);
    const done = await followLinkAndReset(new FormClient(testApp.app), mail, NEW_PASSWORD);
    expect(done.status).toBe(303);
    return { user, mail };
  }

  test('when a user completes a reset, then the receiver gets reset.completed signed with WEBHOOK_SECRET, with ids and no secret', async () => {
    receiver = await new WebhookReceiver().start();
    await build({ WEBHOOK_URLS: receiver.url, WEBHOOK_SECRET: SECRET });
    const { user, mail } = await resetByLink();
    await deliver();

    expect(receiver.types()).toEqual(['reset.requested', 'reset.completed']);
    const completed = receiver.received[1]!;
    const payload = new Webhook(SECRET).verify(completed.body, completed.headers as Record<string, string>);
    expect(payload).toMatchObject({ type: 'reset.completed', data: { targetId: user.id } });
    expect(completed.headers['webhook-id']).toMatch(/^evt_/);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      data: { ticketRef: 'INC42', targetId: user.id },
    });
    for (const hook of receiver.received) {
      expect(hook.body).not.toContain(mail.token);
      expect(hook.body).not.toContain(mail.code);
      expect(hook.body).not.toContain(NEW_PASSWORD);
      expect(() =>
        new Webhook(`whsec_${Buffer.from('another-secret-entirely-000000000').toString('base64')}`).verify(
          hook.body,
          hook.headers as Record<string, string>,
        ),
      ).toThrow();
    }
    const stored = await testApp.store.outbox.findById(
      (await testApp.store.audit.list({ action: 'webhook.sent' }, 1, 1)).items[0]!.details.outboxId as string,
    );
    expect(stored).toMatchObject({ channel: 'webhook', status: 'sent', payload: null });
  });

  test('when the receiver is down, then the event waits and is delivered once it is back, with a fresh signature', async () => {
    receiver = await new WebhookReceiver().start();
    const port = receiver.port;
    await receiver.stop();
    await build({ WEBHOOK_URLS: `http://127.0.0.1:${port}/hooks/resetdesk`, WEBHOOK_SECRET: SECRET });
    const user = await seedUser(testApp, { username: CUSTOMER });
    const admin = await seedUser(testApp, { username: 'admin@example.org', roles: ['admin'] });
    await testApp.services.adminResets.signOutEverywhere(admin, user, { ticketRef: null }, CONTEXT);
    expect(await deliver()).toBe(0);
    const [status] = await testApp.store.webhookEndpoints.listDeliveryStatus();
    expect(status).toMatchObject({ endpointKey: 'config:0', lastResult: 'failed', failed: 1, sent: 0 });
    expect((await testApp.store.audit.list({ action: 'webhook.retry' }, 1, 5)).total).toBe(1);

    receiver = await new WebhookReceiver(port).start();
    now = new Date(now.getTime() + 60_000);
    await deliver();
    expect(receiver.types()).toEqual(['sessions.revoked']);
    const hook = receiver.received[0]!;
    expect(Number(hook.headers['webhook-timestamp'])).toBe(Math.floor(now.getTime() / 1000));
    expect(new Webhook(SECRET).verify(hook.body, hook.headers as Record<string, string>)).toMatchObject({
      type: 'sessions.revoked',
    });
    const [after] = await testApp.store.webhookEndpoints.listDeliveryStatus();
    expect(after).toMatchObject({ lastResult: 'sent', sent: 1, failed: 1 });
  });

  test('when an unknown username asks for a reset, then no webhook is queued; a known one gives reset.requested', async () => {
    receiver = await new WebhookReceiver().start();
    await build({ WEBHOOK_URLS: receiver.url, WEBHOOK_SECRET: SECRET });
    await seedUser(testApp, { username: CUSTOMER });
    await new FormClient(testApp.app).submit('/forgot', { username: 'nobody.here@example.org' });
    await deliver();
    expect(receiver.received).toEqual([]);
    expect(await testApp.store.outbox.depthByChannel()).toEqual([]);
    await new FormClient(testApp.app).submit('/forgot', { username: CUSTOMER });
    await deliver();
    expect(receiver.types()).toEqual(['reset.requested']);
    expect(receiver.received[0]!.body).not.toContain(CUSTOMER);
  });

  test('when an admin adds a receiver in the console, then its secret is shown once, it gets only its event types while enabled, and its status shows', async () => {
    receiver = await new WebhookReceiver().start();
    await build();
    const { client } = await signedInStaff(testApp, 'admin');
    const page = await client.get('/admin/webhooks');
    expect(page.status).toBe(200);
    const form = new URLSearchParams({ _csrf: csrfFrom(page.text), url: receiver.url, enabled: 'on' });
    form.append('events', 'reset.completed');
    form.append('events', 'sessions.revoked');
    const created = await client.agent
      .post('/admin/webhooks')
      .set('Accept', 'text/html')
      .type('form')
      .send(form.toString());
    expect(created.status).toBe(200);
    expect(created.headers['cache-control']).toMatch(/no-store/);
    const secret = /data-testid="webhook-secret">([^<]+)</.exec(created.text)![1]!;
    expect(secret).toMatch(/^whsec_/);
    const [endpoint] = await testApp.store.webhookEndpoints.list();
    expect(endpoint!.secretSealed).not.toContain(secret.slice(6));

    await resetByLink();
    await deliver();
    expect(receiver.types()).toEqual(['reset.completed']);
    const hook = receiver.received[0]!;
    expect(new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>)).toBeTruthy();
    const list = await client.get('/admin/webhooks');
    expect(list.text).toContain('Delivered');
    expect(list.text).not.toContain(secret);

    const disable = await client.agent
      .post(`/admin/webhooks/${endpoint!.id}/disable`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    expect(disable.status).toBe(303);
    const user = (await testApp.store.users.findByUsername(CUSTOMER))!;
    const admin = (await testApp.store.users.findByUsername('admin.grace@example.org'))!;
    await testApp.services.adminResets.signOutEverywhere(admin, user, { ticketRef: null }, CONTEXT);
    await deliver();
    expect(receiver.types()).toEqual(['reset.completed']);
  });

  test('when the form names a URL that is not allowed or no event, then it is a 400 and nothing is stored; a help-desk agent gets 403', async () => {
    receiver = new WebhookReceiver();
    await build();
    const { client } = await signedInStaff(testApp, 'admin');
    for (const [url, events, message] of [
      ['http://example.com/hook', ['reset.completed'], en('webhooks:errors.url_not_https_or_local')],
      ['not a url', ['reset.completed'], en('webhooks:errors.url_not_absolute')],
      ['https://user:pw@hooks.example.com/x', ['reset.completed'], en('webhooks:errors.url_credentials')],
      ['https://hooks.example.com/x', [], en('webhooks:errors.no_events')],
      ['https://hooks.example.com/x', ['user.deleted'], en('webhooks:errors.event_unknown')],
    ] as const) {
      const page = await client.get('/admin/webhooks');
      const form = new URLSearchParams({ _csrf: csrfFrom(page.text), url });
      for (const event of events) form.append('events', event);
      const res = await client.agent
        .post('/admin/webhooks')
        .set('Accept', 'text/html')
        .type('form')
        .send(form.toString());
      expect(res.status).toBe(400);
      expect(res.text).toContain(`data-testid="webhook-error">${escapeHtml(message)}</p>`);
    }
    expect(await testApp.store.webhookEndpoints.list()).toEqual([]);
    const { client: desk } = await signedInStaff(testApp, 'helpdesk');
    expect((await desk.get('/admin/webhooks')).status).toBe(403);
  });

  test('when an Arabic-speaking admin adds and disables a receiver, then the pages, the refusal and the notices are in Arabic', async () => {
    receiver = await new WebhookReceiver().start();
    await build();
    const { client } = await signedInStaff(testApp, 'admin');
    const ar = localized('ar');

    const page = await client.get('/admin/webhooks').set('Accept-Language', 'ar');
    expect(page.text).toContain(`<h1 id="receivers-heading">${ar.t('webhooks:list.title')}</h1>`);
    const post = (url: string) => {
      const form = new URLSearchParams({ _csrf: csrfFrom(page.text), url, enabled: 'on' });
      form.append('events', 'reset.completed');
      return client.agent
        .post('/admin/webhooks')
        .set({ Accept: 'text/html', 'Accept-Language': 'ar' })
        .type('form')
        .send(form.toString());
    };
    const refused = await post('ftp://hooks.example.com/x');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(escapeHtml(ar.t('webhooks:errors.url_not_https_or_local')));
    const created = await post(receiver.url);
    expect(created.text).toContain(`<h1 id="secret-heading">${ar.t('webhooks:created.title')}</h1>`);
    expect(created.text).toContain(`<code dir="ltr">${receiver.url}</code>`);

    const [endpoint] = await testApp.store.webhookEndpoints.list();
    const disable = await client.agent
      .post(`/admin/webhooks/${endpoint!.id}/disable`)
      .set('Accept-Language', 'ar')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(disable.status).toBe(303);
    const list = await client.get('/admin/webhooks').set('Accept-Language', 'ar');
    expect(list.text).toContain(ar.t('webhooks:flash.disabled'));
    expect(list.text).toContain(`<td>${ar.t('webhooks:list.no')}</td>`);
    expect(list.text).toContain(ar.t('webhooks:list.none_yet'));
  });
});

describe('webhook settings', () => {
  const base = {
    NODE_ENV: 'development',
    DATA_DIR: '/tmp/resetdesk-webhook-config',
    SQLITE_PATH: ':memory:',
    ...TEST_SECRETS,
  };

  test('when WEBHOOK_URLS names loopback http in development, then it is accepted with the secret', () => {
    const config = configFrom({
      ...base,
      WEBHOOK_URLS: 'http://127.0.0.1:9000/a, https://hooks.example.com/b',
      WEBHOOK_SECRET: SECRET,
    });
    expect(config.webhooks.map((hook) => hook.url)).toEqual([
      'http://127.0.0.1:9000/a',
      'https://hooks.example.com/b',
    ]);
  });

  test.each([
    [
      { WEBHOOK_URLS: 'http://hooks.example.com/a', WEBHOOK_SECRET: SECRET },
      /http:\/\/127\.0\.0\.1 in development/,
    ],
    [{ WEBHOOK_URLS: 'https://hooks.example.com/a' }, /WEBHOOK_SECRET must be set/],
    [{ WEBHOOK_URLS: 'https://hooks.example.com/a', WEBHOOK_SECRET: 'plain-secret' }, /WEBHOOK_SECRET/],
  ])('when the settings are %j, then start-up refuses them', (env, message) => {
    expect(() => configFrom({ ...base, ...env })).toThrow(message);
  });

  test('when production names plain http, even to 127.0.0.1, then start-up refuses it', () => {
    const production = {
      ...base,
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      APP_URL: 'https://desk.example.org',
      WEBHOOK_SECRET: SECRET,
    };
    expect(() => configFrom({ ...production, WEBHOOK_URLS: 'http://127.0.0.1:9000/a' })).toThrow(
      /must be an https URL/,
    );
    expect(configFrom({ ...production, WEBHOOK_URLS: 'https://hooks.example.com/a' }).webhooks).toHaveLength(
      1,
    );
  });
});
