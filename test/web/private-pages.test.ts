import { createDevMailbox, type DevMailbox } from '../../src/mail/dev-mailbox';
import { hashLinkToken } from '../../src/reset/secrets';
import type { User } from '../../src/store';
import { HOUR } from '../../src/time';
import { confirmAction, signedInStaff } from '../support/admin';
import { FormClient } from '../support/form-client';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from './harness';

interface Fixture {
  ada: User;
  outboxId: string;
  mailId: string;
}

interface PrivatePage {
  path: (fixture: Fixture) => string;
  /** Who opens it: the admin, the signed-in user Ada, or a visitor who is not signed in. */
  as: 'admin' | 'ada' | 'visitor';
}

const user = ({ ada }: Fixture) => `/admin/users/${ada.id}`;

/**
 * Every page that shows a secret or personal data, each checked on its own: the router that owns a
 * page marks it, so no mount order or neighbouring router can be what keeps it out of a cache.
 */
const PRIVATE_PAGES: Record<string, PrivatePage> = {
  'the admin home page (security alerts)': { path: () => '/', as: 'admin' },
  'the users list': { path: () => '/admin/users', as: 'admin' },
  'the new user form': { path: () => '/admin/users/new', as: 'admin' },
  'a user detail page': { path: user, as: 'admin' },
  'a user edit form': { path: (f) => `${user(f)}/edit`, as: 'admin' },
  'the reset link confirmation': { path: (f) => `${user(f)}/reset-link`, as: 'admin' },
  'the one-click reset confirmation': { path: (f) => `${user(f)}/reset-password`, as: 'admin' },
  'the SMS temporary password confirmation': { path: (f) => `${user(f)}/temp-password-sms`, as: 'admin' },
  'the typed password page': { path: (f) => `${user(f)}/password`, as: 'admin' },
  'the sign-out-everywhere confirmation': { path: (f) => `${user(f)}/sessions/revoke`, as: 'admin' },
  'a delivery status page': { path: (f) => `${user(f)}/deliveries/${f.outboxId}`, as: 'admin' },
  'the audit log': { path: () => '/admin/audit', as: 'admin' },
  'the audit export': { path: () => '/admin/audit.csv', as: 'admin' },
  'the API tokens page': { path: () => '/admin/api-tokens', as: 'admin' },
  'the webhooks page': { path: () => '/admin/webhooks', as: 'admin' },
  'the account page': { path: () => '/account', as: 'ada' },
  'the own password page': { path: () => '/account/password', as: 'ada' },
  'the own sessions page': { path: () => '/account/sessions', as: 'ada' },
  'the forgot password page': { path: () => '/forgot', as: 'visitor' },
  'the reset page': { path: () => '/reset', as: 'visitor' },
  'the dev mailbox': { path: () => '/dev/mailbox', as: 'visitor' },
  'a dev mailbox message': { path: (f) => `/dev/mailbox/${f.mailId}`, as: 'visitor' },
  "a dev mailbox message's HTML": { path: (f) => `/dev/mailbox/${f.mailId}/html`, as: 'visitor' },
};

describe('pages with a secret or personal data', () => {
  let testApp: TestApp;
  let mailbox: DevMailbox;
  let clients: Record<PrivatePage['as'], FormClient>;
  let fixture: Fixture;

  /** A reset link queued for Ada (the delivery page's subject) and a message in the dev mailbox. */
  async function prepareFixture(admin: FormClient, ada: User): Promise<Fixture> {
    const sent = await confirmAction(admin, `/admin/users/${ada.id}/reset-link`);
    if (sent.status !== 303) throw new Error(`reset link not sent: ${sent.status}`);
    const [request] = await testApp.store.resetRequests.listRecentForUser(ada.id, 1);
    await mailbox.send(
      {
        channel: 'email',
        to: ada.username,
        subject: 'Reset your password',
        text: 'Your code: 123456',
        html: '<p>Your code: 123456</p>',
        userId: ada.id,
        kind: 'reset_link',
      },
      { messageId: '<private-pages@localhost>' },
    );
    return { ada, outboxId: request!.outboxId!, mailId: mailbox.list()[0]!.id };
  }

  beforeAll(async () => {
    mailbox = createDevMailbox();
    testApp = buildTestApp({ devMailbox: mailbox });
    const { client: admin } = await signedInStaff(testApp, 'admin');
    const ada = await seedUser(testApp, { phone: '+966501234567' });
    const adaClient = new FormClient(testApp.app);
    expect((await adaClient.signIn(ada.username, STRONG_PASSWORD)).status).toBe(303);
    clients = { admin, ada: adaClient, visitor: new FormClient(testApp.app) };
    fixture = await prepareFixture(admin, ada);
  });

  afterAll(() => testApp.close());

  test.each(Object.entries(PRIVATE_PAGES))(
    'when %s is served, then it is marked no-store',
    async (_, page) => {
      const response = await clients[page.as].get(page.path(fixture));

      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
    },
  );

  test('when a one-click reset shows the new password, then that page is marked no-store', async () => {
    const result = await confirmAction(clients.admin, `${user(fixture)}/reset-password`);

    expect(result.status).toBe(200);
    expect(result.text).toContain('data-testid="generated-password"');
    expect(result.headers['cache-control']).toBe('no-store');
  });

  test('when the "this wasn\'t me" confirmation is served, then it is marked no-store', async () => {
    const token = 'private-pages-secure-account-token-0123456789';
    const expiresAt = new Date(Date.now() + HOUR);
    await testApp.store.secureAccountTokens.create(
      { userId: fixture.ada.id, tokenHash: hashLinkToken(token), reason: 'password_changed', expiresAt },
      new Date(),
    );
    const visitor = new FormClient(testApp.app);
    await visitor.get(`/secure-account?token=${token}`);
    const response = await visitor.get('/secure-account');

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('the first-run setup page', () => {
  let testApp: TestApp;

  beforeEach(() => {
    testApp = buildTestApp({ setupToken: 'first-run-token-for-tests' });
  });

  afterEach(() => testApp.close());

  test('when /setup is served, then it is marked no-store', async () => {
    const response = await new FormClient(testApp.app).get('/setup');

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
