import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite';
import { FormClient } from '../support/form-client';
import { followLinkAndReset, readResetMail, smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD, OTHER_STRONG_PASSWORD, STRONG_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

describe('self-service reset, end to end', () => {
  let dir: string;
  let dbFile: string;
  let testApp: TestApp;
  let sink: SmtpSink;
  let deliver: () => Promise<number>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-reset-'));
    dbFile = join(dir, 'store.db');
    sink = await new SmtpSink().start();
    testApp = buildTestApp({ store: openSqliteStore(dbFile), env: { APP_URL: 'https://reset.example.org' } });
    deliver = smtpDelivery(testApp, sink);
  });
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function requestMailFor(username: string) {
    const forgot = await new FormClient(testApp.app).submit('/forgot', { username });
    expect(forgot.status).toBe(200);
    await deliver();
    const [mail] = sink.to(username.trim().toLowerCase());
    return readResetMail(mail!);
  }

  test('when the user follows the emailed link and code, then the new password works, the old fails and old sessions are dead', async () => {
    const ada = await seedUser(testApp, { contactEmail: 'ada.personal@example.net' });
    const laptop = new FormClient(testApp.app);
    const phone = new FormClient(testApp.app);
    await laptop.signIn('ada@example.org', STRONG_PASSWORD);
    await phone.signIn('ada@example.org', STRONG_PASSWORD);

    const mail = await requestMailFor('  Ada@Example.org ');
    expect(sink.to('ada.personal@example.net')).toHaveLength(0);
    expect(mail.linkPath).toMatch(/^\/reset\?token=[\w-]{43}$/);
    expect(sink.messages[0]!.html).toContain(mail.code);

    const browser = new FormClient(testApp.app);
    const landing = await browser.get(mail.linkPath);
    expect([landing.status, landing.headers.location]).toEqual([303, '/reset']);
    const page = await browser.get('/reset');
    expect(page.text).toContain('a•••@example.org');
    expect(page.text).not.toContain(mail.token);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');

    const saved = await browser.submit('/reset', {
      code: mail.code,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect([saved.status, saved.headers.location]).toEqual([303, '/login']);
    expect((await browser.get('/login')).text).toContain('Your password has been changed');
    expect((await browser.get('/account')).headers.location).toBe('/login');

    expect((await laptop.get('/account')).headers.location).toBe('/login');
    expect((await phone.get('/account')).headers.location).toBe('/login');
    expect((await new FormClient(testApp.app).signIn('ada@example.org', STRONG_PASSWORD)).status).toBe(401);
    expect((await new FormClient(testApp.app).signIn('ada@example.org', NEW_PASSWORD)).status).toBe(303);

    await deliver();
    const notices = sink.to('ada@example.org').filter((m) => /changed/i.test(m.subject ?? ''));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).not.toContain(mail.code);
    expect(notices[0]!.text).not.toContain(mail.token);

    const actions = (await testApp.store.audit.list({ targetId: ada.id }, 1, 50)).items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['reset.requested', 'reset.completed', 'sessions.revoked', 'mail.sent']),
    );

    await testApp.store.close();
    const files = [dbFile, `${dbFile}-wal`]
      .filter(existsSync)
      .map((file) => readFileSync(file).toString('latin1'));
    for (const secret of [mail.token, mail.code, NEW_PASSWORD, STRONG_PASSWORD]) {
      for (const bytes of files) expect(bytes.includes(secret)).toBe(false);
      expect(testApp.logs.lines.join('\n')).not.toContain(secret);
    }
  });

  test('when the link page shows the username masked, then the full username is nowhere in its HTML, while the meter still gets the name', async () => {
    await seedUser(testApp, { username: 'zx81.owner@example.org', displayName: 'Ada Lovelace' });
    const mail = await requestMailFor('zx81.owner@example.org');
    const browser = new FormClient(testApp.app);
    await browser.get(mail.linkPath);
    const page = await browser.get('/reset');
    expect(page.text).toContain('z•••@example.org');
    expect(page.text).not.toMatch(/zx81|owner@/);
    expect(page.text).toContain(`data-user-words="${'["Ada Lovelace"]'.replace(/"/g, '&#34;')}"`);
  });

  test('when the user types username and code on another device without the link, then the reset works', async () => {
    await seedUser(testApp);
    const mail = await requestMailFor('ada@example.org');
    const otherDevice = new FormClient(testApp.app);
    const page = await otherDevice.get('/reset');
    expect(page.text).toContain('name="username"');
    const saved = await otherDevice.submit('/reset', {
      username: 'ADA@example.org',
      code: mail.code,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect([saved.status, saved.headers.location]).toEqual([303, '/login']);
    expect((await otherDevice.signIn('ada@example.org', NEW_PASSWORD)).status).toBe(303);
  });

  test('when 20 submits of one valid link and code race, then exactly one succeeds and one password is written', async () => {
    const ada = await seedUser(testApp);
    const mail = await requestMailFor('ada@example.org');
    const clients = Array.from({ length: 20 }, () => new FormClient(testApp.app));
    const pages = await Promise.all(
      clients.map(async (client) => {
        await client.get(mail.linkPath);
        return client.get('/reset');
      }),
    );
    const csrf = pages.map((page) => /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!);
    const results = await Promise.all(
      clients.map((client, i) =>
        client.agent
          .post('/reset')
          .type('form')
          .send({ code: mail.code, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, _csrf: csrf[i]! }),
      ),
    );
    expect(results.filter((r) => r.status === 303)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(19);
    const completed = await testApp.store.audit.list({ targetId: ada.id, action: 'reset.completed' }, 1, 50);
    expect(completed.total).toBe(1);
    expect((await testApp.store.users.findById(ada.id))!.passwordHistory).toHaveLength(1);
  });

  test('when the reset is for a device user, then the page says to use the new password in the app', async () => {
    await seedUser(testApp, { userType: 'device', username: 'tablet-3@example.org' });
    const mail = await requestMailFor('tablet-3@example.org');
    const done = await followLinkAndReset(new FormClient(testApp.app), mail, OTHER_STRONG_PASSWORD);
    expect(done.status).toBe(200);
    expect(done.text).toContain('open the app on your device');
  });

  test('when an invited (pending) user sets the first password, then the account becomes active', async () => {
    const pending = await seedUser(testApp, { status: 'pending', username: 'new@example.org' });
    const mail = await requestMailFor('new@example.org');
    expect((await followLinkAndReset(new FormClient(testApp.app), mail, NEW_PASSWORD)).status).toBe(303);
    expect((await testApp.store.users.findById(pending.id))!.status).toBe('active');
  });

  test('when Host and X-Forwarded-Host are forged, then the link still points at APP_URL', async () => {
    await seedUser(testApp);
    const client = new FormClient(testApp.app);
    const page = await client.get('/forgot');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    await client.agent
      .post('/forgot')
      .set('Host', 'evil.test')
      .set('X-Forwarded-Host', 'evil.test')
      .type('form')
      .send({ username: 'ada@example.org', _csrf: csrf });
    await deliver();
    const [mail] = sink.to('ada@example.org');
    expect(mail!.text).toContain('https://reset.example.org/reset?token=');
    expect(`${mail!.text}${mail!.html}`).not.toContain('evil.test');
  });
});
