import { FormClient } from '../support/form-client';
import { en, localized } from '../support/i18n';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0] ?? '';
const fieldError = (html: string, field: string) =>
  new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(html)?.[1] ?? null;
const selected = (html: string, field: string) =>
  new RegExp(`<select id="${field}"[\\s\\S]*?<option value="([^"]*)"[^>]*selected`).exec(html)?.[1] ?? null;

describe('a person’s own language and time zone, on /account', () => {
  let testApp: TestApp;
  beforeEach(() => {
    testApp = buildTestApp({ clock: () => new Date('2026-12-06T21:40:00Z') });
  });
  afterEach(() => testApp.close());

  async function signedIn(acceptLanguage = 'en') {
    const ada = await seedUser(testApp);
    const client = new FormClient(testApp.app);
    // As a browser does: the same Accept-Language on every request.
    client.agent.set('Accept-Language', acceptLanguage);
    await client.signIn('ada@example.org', STRONG_PASSWORD);
    const choose = (fields: Record<string, string>) =>
      client.submit('/account', fields, '/account/preferences').then(async (response) => ({
        response,
        next: await client.get('/account'),
      }));
    return { ada, client, choose };
  }

  test('when the form is shown, then each language is offered by its own name and marked as such, beside the browser’s and the organisation’s defaults', async () => {
    const { client } = await signedIn();
    const page = (await client.get('/account')).text;
    expect(page).toContain('<option value="ar" lang="ar">العربية</option>');
    expect(page).toContain('<option value="ja" lang="ja">日本語</option>');
    expect(page).toContain(
      `<option value="" selected>${en('account:preferences.browser_language')}</option>`,
    );
    expect(page).toContain(
      `<option value="" selected>${en('account:preferences.organisation_default', { zone: 'UTC' })}</option>`,
    );
    expect(page).toContain('<option value="Asia/Riyadh" translate="no">Asia/Riyadh</option>');
  });

  test('when Arabic and Asia/Riyadh are chosen, then the next page is right-to-left Arabic with times in Riyadh, and the change is audited once', async () => {
    const { ada, choose } = await signedIn();
    const { response, next } = await choose({ locale: 'ar', timeZone: 'Asia/Riyadh' });
    expect([response.status, response.headers.location]).toEqual([303, '/account']);

    expect(htmlTag(next.text)).toBe('<html lang="ar" dir="rtl">');
    const arabic = localized('ar', 'Asia/Riyadh');
    expect(next.text).toContain(arabic.t('account:preferences.saved'));
    const stored = (await testApp.store.users.findById(ada.id))!;
    expect([stored.locale, stored.timeZone]).toEqual(['ar', 'Asia/Riyadh']);
    // Signed in at 21:40 UTC: 00:40 the next day in Riyadh (UTC+3).
    expect(next.text).toContain(arabic.formatDateTime(stored.lastSignInAt));
    expect(arabic.formatDateTime(stored.lastSignInAt)).not.toBe(
      localized('ar').formatDateTime(stored.lastSignInAt),
    );
    expect([selected(next.text, 'locale'), selected(next.text, 'timeZone')]).toEqual(['ar', 'Asia/Riyadh']);

    // Saving the same choice again changes nothing, so nothing more is audited.
    expect((await choose({ locale: 'ar', timeZone: 'Asia/Riyadh' })).response.status).toBe(303);
    const audit = await testApp.store.audit.list({ targetId: ada.id, action: 'preferences.changed' }, 1, 5);
    expect(audit.items.map((event) => [event.actorId, event.details])).toEqual([
      [ada.id, { locale: 'ar', timeZone: 'Asia/Riyadh' }],
    ]);
  });

  test('when the sessions page is opened after choosing a zone, then its times are in that zone', async () => {
    const { ada, client, choose } = await signedIn();
    await choose({ locale: 'ja', timeZone: 'Asia/Tokyo' });
    const page = await client.get('/account/sessions');
    const [session] = await testApp.store.sessions.listByUser(ada.id, new Date('2026-12-06T21:40:00Z'));
    expect(htmlTag(page.text)).toBe('<html lang="ja" dir="ltr">');
    expect(page.text).toContain(localized('ja', 'Asia/Tokyo').formatDateTime(session!.createdAt));
  });

  test.each([
    [
      'an unknown time zone',
      { locale: 'ar', timeZone: 'Mars/Olympus_Mons' },
      'timeZone',
      'account:preferences.unknown_time_zone',
    ],
    [
      'a zone spelt otherwise than listed',
      { locale: 'ar', timeZone: 'asia/riyadh' },
      'timeZone',
      'account:preferences.unknown_time_zone',
    ],
    [
      'an unknown language',
      { locale: 'xx', timeZone: 'UTC' },
      'locale',
      'account:preferences.unknown_language',
    ],
  ] as const)(
    'when %s is sent, then it is a 400 with the form and the reason, and nothing is written',
    async (_case, fields, field, key) => {
      const { ada, client } = await signedIn();
      const refused = await client.submit('/account', { ...fields }, '/account/preferences');
      expect(refused.status).toBe(400);
      expect(htmlTag(refused.text)).toBe('<html lang="en" dir="ltr">');
      expect(fieldError(refused.text, field)).toBe(en(key));
      expect(refused.text).toContain('action="/account/preferences"');
      const stored = (await testApp.store.users.findById(ada.id))!;
      expect([stored.locale, stored.timeZone]).toEqual([null, null]);
      expect((await testApp.store.audit.list({ action: 'preferences.changed' }, 1, 5)).total).toBe(0);
    },
  );

  test('when the form is posted without its CSRF token, then it is refused and nothing is written', async () => {
    const { ada, client } = await signedIn();
    const forged = await client.agent
      .post('/account/preferences')
      .type('form')
      .send({ locale: 'ar', timeZone: 'Asia/Riyadh' });
    expect(forged.status).toBe(403);
    expect((await testApp.store.users.findById(ada.id))!.locale).toBeNull();
  });

  test('when the choice is cleared, then pages follow the browser’s language and the organisation’s zone again', async () => {
    const { ada, choose } = await signedIn('ja');
    expect(htmlTag((await choose({ locale: 'ar', timeZone: 'Asia/Riyadh' })).next.text)).toBe(
      '<html lang="ar" dir="rtl">',
    );
    const { response, next } = await choose({ locale: '', timeZone: '' });
    expect(response.status).toBe(303);
    const stored = (await testApp.store.users.findById(ada.id))!;
    expect([stored.locale, stored.timeZone]).toEqual([null, null]);
    expect(htmlTag(next.text)).toBe('<html lang="ja" dir="ltr">');
    // The message already speaks the language of the page it lands on.
    expect(next.text).toContain(localized('ja').t('account:preferences.saved'));
    expect(next.text).toContain(localized('ja', 'UTC').formatDateTime(stored.lastSignInAt));
  });
});
