import { signedInStaff } from '../support/admin';
import { FormClient } from '../support/form-client';
import { localized } from '../support/i18n';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const sideNavLinks = (html: string) =>
  [...(/<nav class="side-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '').matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map(
    (match) => match[1],
  );

describe('home after sign-in: the frame, the staff dashboard and a member’s own account', () => {
  let testApp: TestApp;
  beforeEach(() => {
    testApp = buildTestApp();
  });
  afterEach(() => testApp.close());

  test('when nobody is signed in, then / is the welcome page with no side navigation', async () => {
    const page = await new FormClient(testApp.app).get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Welcome to ResetDesk');
    expect(page.text).toContain('href="/forgot"');
    expect(page.text).not.toContain('side-nav');
  });

  test('when an admin signs in, then / names them and their role and shows the dashboard with every section', async () => {
    const { client } = await signedInStaff(testApp, 'admin', { displayName: 'Grace Hopper' });
    const page = await client.get('/');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.text).toMatch(/data-testid="signed-in-as"[\s\S]*Grace Hopper[\s\S]*Administrator/);
    expect(page.text).toContain('Sign out');
    expect(page.text).not.toContain('Welcome to ResetDesk');
    for (const section of ['recent-resets', 'failed-deliveries', 'locked-accounts']) {
      expect(page.text).toContain(`data-testid="${section}"`);
    }
    expect(page.text).toContain('action="/admin/users"');
    expect(sideNavLinks(page.text)).toEqual([
      'Home',
      'Users',
      'Audit log',
      'API tokens',
      'Webhooks',
      'My account',
    ]);
    expect(page.text).toMatch(/href="\/" aria-current="page">Home/);
  });

  test('when a reset link was sent and an account locked, then the dashboard lists them as sentences with the delivery state', async () => {
    const { client, staff } = await signedInStaff(testApp, 'admin', { displayName: 'Grace Hopper' });
    const alan = await seedUser(testApp, { username: 'alan@example.org', displayName: 'Alan Turing' });
    const noura = await seedUser(testApp, { username: 'noura@example.org', displayName: 'Noura Khan' });
    const context = { ip: '203.0.113.7', userAgent: WINDOWS_CHROME };
    await testApp.services.adminResets.sendResetLink(staff, alan, { ticketRef: null }, context);
    for (let attempt = 0; attempt < testApp.config.lockout.threshold; attempt++) {
      await testApp.services.signIn(noura.username, 'not the password', context);
    }
    const page = await client.get('/');
    const resets = /data-testid="recent-resets"[\s\S]*?<\/section>/.exec(page.text)![0];
    expect(resets).toContain('<bdi>Grace Hopper</bdi> sent <bdi>Alan Turing</bdi> a password reset link');
    expect(resets).toContain('Queued');
    const locked = /data-testid="locked-accounts"[\s\S]*?<\/section>/.exec(page.text)![0];
    expect(locked).toContain('Noura Khan');
    expect(locked).toContain(`/admin/users/${encodeURIComponent(noura.id)}`);
    expect(locked).not.toContain('Alan Turing');
  });

  test('when a help-desk agent signs in, then the dashboard shows without the audit log in the navigation or its links', async () => {
    const { client } = await signedInStaff(testApp, 'helpdesk', { displayName: 'Hassan Ali' });
    const page = await client.get('/');
    expect(page.text).toMatch(/Hassan Ali[\s\S]*Help desk/);
    expect(page.text).toContain('data-testid="recent-resets"');
    expect(sideNavLinks(page.text)).toEqual(['Home', 'Users', 'My account']);
    expect(page.text).not.toContain('/admin/audit');
  });

  test('when a member signs in, then / is their own account: password, sessions and their recent events, no dashboard', async () => {
    const member = await seedUser(testApp, { username: 'ada@example.org', displayName: 'Ada Lovelace' });
    const client = new FormClient(testApp.app);
    await client.agent.get('/login').set('User-Agent', WINDOWS_CHROME);
    await client.signIn(member.username, STRONG_PASSWORD);
    const page = await client.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Ada Lovelace[\s\S]*Member/);
    expect(page.text).toContain('Your account');
    expect(page.text).toContain('data-testid="own-activity"');
    expect(page.text).toContain('<bdi>Ada Lovelace</bdi> signed in');
    expect(page.text).not.toContain('data-testid="recent-resets"');
    expect(sideNavLinks(page.text)).toEqual(['Home', 'My account']);
    // A member's events never link to admin pages they cannot open.
    expect(page.text).not.toContain('/admin/');
  });

  test('when a member reads Arabic in Riyadh, then their home is right-to-left Arabic, the device summarised in Arabic and times in their zone', async () => {
    const member = await seedUser(testApp, { username: 'ada@example.org', displayName: 'Ada Lovelace' });
    await testApp.store.users.updateProfile(member.id, { locale: 'ar', timeZone: 'Asia/Riyadh' }, new Date());
    const client = new FormClient(testApp.app);
    client.agent.set('User-Agent', WINDOWS_CHROME);
    await client.signIn(member.username, STRONG_PASSWORD);
    const page = await client.get('/');
    const arabic = localized('ar', 'Asia/Riyadh');
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    expect(page.text).toContain(arabic.t('home:member.heading'));
    expect(page.text).toContain('<bdi dir="ltr">ada@example.org</bdi>');
    expect(page.text).toContain(
      arabic.t('devices:browser_on_system', { browser: 'Chrome', system: 'Windows' }),
    );
    const [session] = await testApp.store.sessions.listByUser(member.id, new Date());
    expect(page.text).toContain(
      arabic.t('home:member.last_seen', { at: arabic.formatDateTime(session!.lastSeenAt) }),
    );
  });

  test('when a help-desk agent reads Japanese in Tokyo, then a locked account’s lock ends in their zone', async () => {
    const { client, staff } = await signedInStaff(testApp, 'helpdesk');
    await testApp.store.users.updateProfile(staff.id, { locale: 'ja', timeZone: 'Asia/Tokyo' }, new Date());
    const noura = await seedUser(testApp, { username: 'noura@example.org', displayName: 'Noura Khan' });
    for (let attempt = 0; attempt < testApp.config.lockout.threshold; attempt++) {
      await testApp.services.signIn(noura.username, 'not the password', { ip: '203.0.113.7', userAgent: '' });
    }
    const lockedUntil = (await testApp.store.users.findById(noura.id))!.lockedUntil!;
    const page = await client.get('/');
    const locked = /data-testid="locked-accounts"[\s\S]*?<\/section>/.exec(page.text)![0];
    const japanese = localized('ja', 'Asia/Tokyo');
    expect(page.text).toContain('<html lang="ja" dir="ltr">');
    expect(locked).toContain(japanese.t('home:dashboard.locked'));
    expect(locked).toContain('<bdi dir="ltr">noura@example.org</bdi>');
    expect(locked).toContain(
      japanese.t('home:dashboard.locked_until', { until: japanese.formatDateTime(lockedUntil) }),
    );
  });

  test('when an admin opens a user’s page, then breadcrumbs lead Home › Users › the user', async () => {
    const { client } = await signedInStaff(testApp, 'admin');
    const alan = await seedUser(testApp, { username: 'alan@example.org', displayName: 'Alan Turing' });
    const page = await client.get(`/admin/users/${alan.id}/edit`);
    const crumbs = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(page.text)![0];
    expect(crumbs).toContain('<a href="/">Home</a>');
    expect(crumbs).toContain('<a href="/admin/users">Users</a>');
    expect(crumbs).toContain(`<a href="/admin/users/${alan.id}">Alan Turing</a>`);
    expect(crumbs).toContain('<span aria-current="page">Edit profile</span>');
  });
});
