import request from 'supertest';
import { FormClient } from '../support/form-client';
import { seedUser, STRONG_PASSWORD } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

function htmlTag(html: string): string {
  return /<html[^>]*>/.exec(html)?.[0] ?? '';
}

describe('choosing the language of a page', () => {
  let testApp: TestApp;

  beforeEach(() => {
    testApp = buildTestApp();
  });

  afterEach(async () => {
    await testApp.close();
  });

  test.each([
    ['ar', '<html lang="ar" dir="rtl">', 'نسيت كلمة المرور'],
    ['ar-SA,ar;q=0.9,en;q=0.5', '<html lang="ar" dir="rtl">', 'نسيت كلمة المرور'],
    ['ja', '<html lang="ja" dir="ltr">', 'パスワードをお忘れの方'],
    ['fr', '<html lang="en" dir="ltr">', 'Forgot password'],
    ['fr-CA,de;q=0.8', '<html lang="en" dir="ltr">', 'Forgot password'],
  ])('when the browser asks for %s, then /forgot answers %s in that language', async (accept, tag, text) => {
    const res = await request(testApp.app).get('/forgot').set('Accept-Language', accept);
    expect(res.status).toBe(200);
    expect(htmlTag(res.text)).toBe(tag);
    expect(res.text).toContain(text);
  });

  test('when a visitor picks a language in the switcher, then a cookie keeps it over the browser’s own', async () => {
    const client = new FormClient(testApp.app);
    const switched = await client.get('/language?lang=ja&next=/forgot').set('Accept-Language', 'ar');
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/forgot');
    expect(String(switched.headers['set-cookie'])).toMatch(/^resetdesk\.lang=ja; .*HttpOnly; .*SameSite=Lax/);
    const page = await client.get('/forgot').set('Accept-Language', 'ar');
    expect(htmlTag(page.text)).toBe('<html lang="ja" dir="ltr">');
    expect(page.text).toContain('<span aria-current="true" lang="ja" dir="auto">日本語</span>');
  });

  test.each([
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['https://evil.example/', '/'],
    ['/login', '/login'],
  ])('when the switcher is told to go back to %s, then it goes to %s', async (next, location) => {
    const res = await request(testApp.app).get('/language').query({ lang: 'ar', next });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(location);
  });

  test('when the switcher is asked for a language we do not have, then it says so with a 400 and sets nothing', async () => {
    const res = await request(testApp.app).get('/language?lang=xx&next=/').set('Accept', 'text/html');
    expect(res.status).toBe(400);
    expect(res.text).toContain('That language is not available.');
    expect(res.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^resetdesk\.lang=/)]),
    );
  });

  test('when a signed-in person has chosen a language, then it wins over the cookie and the browser', async () => {
    const ada = await seedUser(testApp);
    await testApp.store.users.updateProfile(ada.id, { locale: 'ar', timeZone: 'Asia/Riyadh' }, new Date());
    const client = new FormClient(testApp.app);
    await client.get('/language?lang=ja&next=/');
    await client.signIn('ada@example.org', STRONG_PASSWORD);
    const home = await client.get('/').set('Accept-Language', 'en');
    expect(htmlTag(home.text)).toBe('<html lang="ar" dir="rtl">');
    expect(home.text).toContain('تسجيل الخروج');
  });

  test('when an error page is shown, then it is in the visitor’s language', async () => {
    const res = await request(testApp.app)
      .get('/no-such-page')
      .set('Accept-Language', 'ja')
      .set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).toContain('ページが見つかりません');
  });
});
