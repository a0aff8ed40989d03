import { OTHER_STRONG_PASSWORD, SHARED_TEST_PASSWORDS, seedUser } from '../support/users';
import { FormClient } from '../support/form-client';
import { appendAuditEvent, tamperSqliteAuditEvent } from '../support/audit';
import { localized } from '../support/i18n';
import { buildAuditTestApp, signInAs, type AuditTestApp } from './audit-app';

/** The page's text without its tags (names sit in <bdi> inside the sentences). */
function textOf(html: string): string {
  return unescapeHtml(html.replace(/<[^>]+>/g, ''));
}

/** The page's text with the HTML entities EJS writes turned back into characters. */
function unescapeHtml(html: string): string {
  return html
    .replaceAll('&#34;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The seq of every row the table shows, top to bottom. */
function shownSeqs(html: string): number[] {
  return [...html.matchAll(/<tr data-seq="(\d+)">/g)].map((match) => Number(match[1]));
}

describe('audit log page', () => {
  let testApp: AuditTestApp;
  beforeEach(() => {
    testApp = buildAuditTestApp();
  });
  afterEach(() => testApp.close());

  describe.each(['/admin/audit', '/admin/audit.csv'])('permissions on %s', (path) => {
    test('when signed out, then the visitor is sent to sign in', async () => {
      const response = await new FormClient(testApp.app).get(path);
      expect([response.status, response.headers.location]).toEqual([303, '/login']);
    });

    test.each(['member', 'helpdesk'] as const)(
      'when signed in as %s, then the 403 page is shown',
      async (role) => {
        const { client } = await signInAs(testApp, role);
        const response = await client.get(path);
        expect(response.status).toBe(403);
        expect(response.text).toContain('Your account does not have permission to do that.');
      },
    );

    test('when signed in as admin, then it is served, never cached', async () => {
      const { client } = await signInAs(testApp, 'admin');
      const response = await client.get(path);
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
    });
  });

  test('when events exist, then they are listed newest first with names, IPs, links and escaped details', async () => {
    const { client, user: grace } = await signInAs(testApp, 'admin');
    const ada = await seedUser(testApp);
    const anonymous = await appendAuditEvent(testApp.store, {
      at: new Date('2024-05-01T08:30:05Z'),
      ip: '198.51.100.9',
      targetId: ada.id,
      outcome: 'queued',
      channel: 'email',
      details: { attemptsLeft: 2, note: '<b>hi</b>' },
    });
    const byAdmin = await appendAuditEvent(testApp.store, {
      actorId: grace.id,
      targetId: ada.id,
      action: 'sessions.revoked',
    });

    const response = await client.get('/admin/audit');
    expect(shownSeqs(response.text).slice(0, 2)).toEqual([byAdmin.seq, anonymous.seq]);
    const anonymousRow = response.text.slice(response.text.indexOf(`<tr data-seq="${anonymous.seq}">`));
    expect(anonymousRow).toMatch(
      /anonymous <span class="muted"><bdi dir="ltr">198\.51\.100\.9<\/bdi><\/span>/,
    );
    expect(anonymousRow).toContain(
      `<time datetime="2024-05-01T08:30:05.000Z">${localized('en').formatDateTime(anonymous.at)}</time>`,
    );
    expect(anonymousRow).toContain(`href="/admin/users/${ada.id}"><bdi>Ada Lovelace</bdi></a>`);
    expect(anonymousRow).toContain('attemptsLeft=2 note=&lt;b&gt;hi&lt;/b&gt;');
    expect(response.text).not.toContain('<b>hi</b>');
    const adminRow = response.text.slice(response.text.indexOf(`<tr data-seq="${byAdmin.seq}">`));
    expect(adminRow).toContain('Grace Hopper</bdi></a>');
    expect(adminRow.replaceAll('<wbr>', '')).toContain('grace@example.org');
  });

  test('when events exist, then each reads as a sentence with the source summarised, and the raw code sits on hover and in the details', async () => {
    const { client, user: grace } = await signInAs(testApp, 'admin');
    const alan = await seedUser(testApp, { username: 'alan@example.org', displayName: 'Alan Turing' });
    const reset = await appendAuditEvent(testApp.store, {
      actorId: grace.id,
      targetId: alan.id,
      action: 'password.set_by_admin',
      ip: '::ffff:203.0.113.7',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      details: { method: 'reset-password', emailed: true, logoutSessions: true, sessionsRevoked: 2 },
    });
    const page = unescapeHtml((await client.get('/admin/audit')).text);
    const row = page.slice(page.indexOf(`<tr data-seq="${reset.seq}">`));
    expect(row).toContain(
      '<bdi>Grace Hopper</bdi> reset <bdi>Alan Turing</bdi>’s password — one click, emailed, 2 sessions ended',
    );
    expect(row).toContain('title="password.set_by_admin"');
    expect(row).toContain('<code>password.set_by_admin</code>');
    expect(row).toContain('Chrome on Windows from \u2066203.0.113.7\u2069');
    expect(row).not.toMatch(/<td[^>]*>\s*<code>/);
  });

  test('when searching for "password" or picking a category, then the matching events are found by their sentences', async () => {
    const { client, user: grace } = await signInAs(testApp, 'admin');
    const ada = await seedUser(testApp);
    const adminReset = await appendAuditEvent(testApp.store, {
      actorId: grace.id,
      targetId: ada.id,
      action: 'password.set_by_admin',
      details: { method: 'reset-password' },
    });
    const wrongPassword = await appendAuditEvent(testApp.store, {
      targetId: ada.id,
      action: 'signin.failed',
      outcome: 'wrong_password',
    });
    const mailSent = await appendAuditEvent(testApp.store, {
      targetId: ada.id,
      action: 'mail.sent',
      outcome: 'sent',
    });
    const seqsFor = async (search: string) => shownSeqs((await client.get(`/admin/audit?${search}`)).text);

    const byPassword = await seqsFor('q=password');
    expect(byPassword).toEqual(expect.arrayContaining([adminReset.seq, wrongPassword.seq]));
    expect(byPassword).not.toContain(mailSent.seq);
    expect(await seqsFor('q=Password&category=resets')).toEqual([adminReset.seq]);
    expect(await seqsFor('category=deliveries')).toEqual([mailSent.seq]);
    expect(await seqsFor('q=ada%40example.org&category=deliveries')).toEqual([mailSent.seq]);
    const nothing = await client.get('/admin/audit?q=zebra');
    expect(unescapeHtml(nothing.text)).toContain('No event mentions "zebra"');
    expect(shownSeqs(nothing.text)).toEqual([]);
    expect((await client.get('/admin/audit?category=everything')).status).toBe(400);
  });

  test('when filtering by actor, target, action and dates, then only matching events are shown', async () => {
    const { client, user: grace } = await signInAs(testApp, 'admin');
    const ada = await seedUser(testApp);
    const revoked = await appendAuditEvent(testApp.store, {
      at: new Date('2024-05-01T00:00:00Z'),
      actorId: grace.id,
      targetId: ada.id,
      action: 'sessions.revoked',
    });
    const requested = await appendAuditEvent(testApp.store, {
      at: new Date('2024-05-02T23:59:59.999Z'),
      targetId: ada.id,
      action: 'reset.requested',
    });
    const changed = await appendAuditEvent(testApp.store, {
      at: new Date('2024-05-03T00:00:00Z'),
      actorId: ada.id,
      targetId: ada.id,
      action: 'password.changed',
    });
    const seqsFor = async (search: string) => shownSeqs((await client.get(`/admin/audit?${search}`)).text);

    expect(await seqsFor('actor=++GRACE%40Example.org+&action=sessions.revoked')).toEqual([revoked.seq]);
    expect(await seqsFor(`actor=${ada.id}`)).toEqual([changed.seq]);
    expect(await seqsFor('target=ada%40example.org')).toEqual([changed.seq, requested.seq, revoked.seq]);
    expect(await seqsFor('action=reset.requested')).toEqual([requested.seq]);
    expect(await seqsFor('from=2024-05-02&to=2024-05-03')).toEqual([changed.seq, requested.seq]);
    expect(await seqsFor('to=2024-05-01')).toEqual([revoked.seq]);
    expect(await seqsFor('from=2024-05-01&to=2024-05-01&actor=&target=&action=')).toEqual([revoked.seq]);
  });

  test('when the actor or target names no user, then the page says so and shows no events', async () => {
    const { client } = await signInAs(testApp, 'admin');
    const response = await client.get('/admin/audit?actor=nobody%40example.org&action=signin.succeeded');
    expect(response.status).toBe(200);
    const text = unescapeHtml(response.text);
    expect(text).toContain(
      'No user has the id or username "nobody@example.org" (done by), so no events match.',
    );
    expect(text).toContain('No audit events match these filters.');
    expect(shownSeqs(response.text)).toEqual([]);
    expect(response.text).toContain('value="nobody@example.org"');
  });

  test('when someone asked a reset for an unknown username, then the row says no such account, with no dead link', async () => {
    const { client } = await signInAs(testApp, 'admin');
    await new FormClient(testApp.app).submit('/forgot', { username: 'nobody@example.org' });
    await testApp.resolveResetIntents();
    const page = await client.get('/admin/audit?action=reset.requested');
    expect(page.text).toContain('no such account');
    expect(page.text).not.toContain('nobody@example.org');
    expect(page.text).not.toMatch(/href="\/admin\/users\/decoy/);
  });

  test('when there are more than 50 events, then pages of 50 link to each other and keep the filters', async () => {
    const { client } = await signInAs(testApp, 'admin');
    const appended = [];
    for (let i = 0; i < 120; i++)
      appended.push(await appendAuditEvent(testApp.store, { action: 'mail.sent' }));
    const newestFirst = appended.map((event) => event.seq).reverse();

    const first = await client.get('/admin/audit?action=mail.sent');
    expect(shownSeqs(first.text)).toEqual(newestFirst.slice(0, 50));
    expect(first.text).toContain('120 events · page 1 of 3');
    expect(first.text).toContain('href="/admin/audit?action=mail.sent&amp;page=2" rel="next"');
    expect(first.text).not.toContain('rel="prev"');
    expect(first.text).toContain('href="/admin/audit.csv?action=mail.sent"');

    const last = await client.get('/admin/audit?action=mail.sent&page=3');
    expect(shownSeqs(last.text)).toEqual(newestFirst.slice(100));
    expect(last.text).toContain('href="/admin/audit?action=mail.sent&amp;page=2" rel="prev"');
    expect(last.text).not.toContain('rel="next"');

    const beyond = await client.get('/admin/audit?action=mail.sent&page=9');
    expect(beyond.status).toBe(200);
    expect(beyond.text).toContain('Page 9 is past the last page (3).');
  });

  test('when there are no events for the filters, then an empty-result message is shown', async () => {
    const { client } = await signInAs(testApp, 'admin');
    const response = await client.get('/admin/audit?action=sms.failed');
    expect(response.status).toBe(200);
    expect(response.text).toContain('No audit events match these filters.');
  });

  test.each([
    ['page=-1', '"page" must be a whole number from 1 to 999999.'],
    ['page=0', '"page" must be a whole number from 1 to 999999.'],
    ['page=2.5', '"page" must be a whole number from 1 to 999999.'],
    ['page[]=x', '"page" must be given once, as plain text.'],
    ['page=1&page=2', '"page" must be given once, as plain text.'],
    ['actor[$ne]=x', '"actor" must be given once, as plain text.'],
    ['from=2024-13-45', '"from" must be a date written YYYY-MM-DD, e.g. 2024-05-31.'],
    ['from=2024-02-30', '"from" must be a date written YYYY-MM-DD, e.g. 2024-05-31.'],
    ['to=yesterday', '"to" must be a date written YYYY-MM-DD, e.g. 2024-05-31.'],
    ['from=2024-05-03&to=2024-05-01', '"from" must be on or before "to".'],
    ['action=%3Cscript%3E', '"action" must be an action name such as reset.requested'],
    ['target=<321 characters>', '"target" must be a user id or username of at most 320 characters.'],
    ['ticket=<65 characters>', '"ticket" must be a ticket reference of at most 64 characters, on one line.'],
    ['ticket=INC%0A123', '"ticket" must be a ticket reference of at most 64 characters, on one line.'],
    [
      'sort=seq',
      'Unknown query parameter "sort": use q, category, actor, target, action, ticket, from, to, page.',
    ],
  ])('when the query is %s, then a 400 page names the problem', async (search, message) => {
    const { client } = await signInAs(testApp, 'admin');
    const query = search
      .replace('<321 characters>', 'a'.repeat(321))
      .replace('<65 characters>', 'I'.repeat(65));
    for (const path of ['/admin/audit', '/admin/audit.csv']) {
      const response = await client.get(`${path}?${query}`);
      expect(response.status).toBe(400);
      expect(unescapeHtml(response.text)).toContain(message);
    }
  });

  test('when an audit row is edited in the database file, then a banner names the first bad event', async () => {
    const { client } = await signInAs(testApp, 'admin');
    for (let i = 0; i < 3; i++) await appendAuditEvent(testApp.store, { details: { index: i } });
    const clean = await client.get('/admin/audit');
    const { total } = await testApp.store.audit.list({}, 1, 1);
    expect(clean.text).toContain(`Chain verified: ${total} events`);
    expect(clean.text).not.toContain('role="alert"');

    const second = (await testApp.store.audit.list({}, 2, 1)).items[0]!;
    tamperSqliteAuditEvent(testApp.sqlitePath, second.seq, 'nothing happened');

    const tampered = await client.get('/admin/audit');
    expect(tampered.status).toBe(200);
    expect(tampered.text).toContain('role="alert"');
    expect(tampered.text).toContain(`breaks at event <strong><bdi dir="ltr">#${second.seq}</bdi></strong>`);
    expect(textOf(tampered.text)).toContain(
      `breaks at event #${second.seq}: hash mismatch (its content was changed`,
    );
    expect(tampered.text).not.toContain('Chain verified');
  });

  test('when an Arabic-speaking admin in Riyadh reads the log, then sentences, times and search are theirs, names isolated', async () => {
    const { client, user: grace } = await signInAs(testApp, 'admin');
    await testApp.store.users.updateProfile(grace.id, { locale: 'ar', timeZone: 'Asia/Riyadh' }, new Date());
    const ada = await seedUser(testApp);
    const sms = await appendAuditEvent(testApp.store, {
      at: new Date('2024-05-01T21:30:00Z'),
      actorId: grace.id,
      targetId: ada.id,
      action: 'sms.queued',
    });
    const mail = await appendAuditEvent(testApp.store, { targetId: ada.id, action: 'mail.sent' });
    const ar = localized('ar', 'Asia/Riyadh');

    const page = await client.get('/admin/audit');
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    expect(page.text).toContain(`<h1 id="audit-heading">${ar.t('audit:page.title')}</h1>`);
    const row = page.text.slice(page.text.indexOf(`<tr data-seq="${sms.seq}">`));
    expect(row).toContain(`${ar.formatDateTime(sms.at)}</time>`);
    expect(ar.formatDateTime(sms.at)).not.toBe(localized('ar', 'UTC').formatDateTime(sms.at));
    expect(textOf(row)).toContain(
      ar.t('audit:sentences.sms_queued', { actor: 'Grace Hopper', target: 'Ada Lovelace' }),
    );
    expect(row).toContain('<bdi>Grace Hopper</bdi>');
    expect(textOf(page.text)).not.toContain('Audit log');

    const searched = shownSeqs((await client.get(`/admin/audit?q=${encodeURIComponent('رسالة نصية')}`)).text);
    expect(searched).toContain(sms.seq);
    expect(searched).not.toContain(mail.seq);
    const refused = await client.get('/admin/audit?page=0');
    expect(refused.status).toBe(400);
    expect(unescapeHtml(refused.text)).toContain(ar.t('audit:query.page'));
  });

  test('when sign-ins failed with real passwords, then neither the page nor the export shows any of them', async () => {
    await seedUser(testApp);
    const visitor = new FormClient(testApp.app);
    expect((await visitor.signIn('ada@example.org', OTHER_STRONG_PASSWORD)).status).toBe(401);
    expect((await visitor.signIn('nobody@example.org', OTHER_STRONG_PASSWORD)).status).toBe(401);
    const { client } = await signInAs(testApp, 'admin');

    const page = await client.get('/admin/audit');
    const csv = await client.get('/admin/audit.csv');
    expect(page.text).toContain('signin.failed');
    expect(csv.text).toContain('signin.failed');
    for (const password of SHARED_TEST_PASSWORDS) {
      expect(page.text).not.toContain(password);
      expect(csv.text).not.toContain(password);
    }
  });
});
