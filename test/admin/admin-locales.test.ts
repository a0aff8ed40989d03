import { confirmAction, generatedPasswordFrom } from '../support/admin';
import type { FormClient } from '../support/form-client';
import { localized } from '../support/i18n';
import { buildTestApp, type TestApp } from '../web/harness';
import { addUser, signInAs } from './users-support';

const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0] ?? '';
const flashOf = (html: string) =>
  /class="flash flash--success"[^>]*>\s*<p>([^<]*)<\/p>/.exec(html)?.[1] ?? null;

describe('the admin console in the viewer’s language', () => {
  let testApp: TestApp;
  let admin: FormClient;

  /** An admin who chose Arabic and Riyadh time on their account. */
  async function arabicAdmin() {
    const signedIn = await signInAs(testApp, 'admin');
    await testApp.store.users.updateProfile(
      signedIn.user.id,
      { locale: 'ar', timeZone: 'Asia/Riyadh' },
      new Date(),
    );
    return signedIn.client;
  }

  beforeEach(async () => {
    testApp = buildTestApp({ env: { TICKET_REF: 'optional' } });
    admin = await arabicAdmin();
  });
  afterEach(async () => {
    await testApp.close();
  });

  test('when an Arabic admin types the phone in Arabic-Indic digits and the national ID in full-width digits, then both are stored as ASCII and the page answers in Arabic', async () => {
    const created = await admin.submit('/admin/users/new', {
      username: 'fatima@example.org',
      displayName: 'فاطمة الحربي',
      userType: 'parent',
      role: 'member',
      phone: '+٩٦٦٥٠١٢٣٤٥٦٧',
      nationalId: '２０８７６５４３２１',
    });

    expect(created.status).toBe(303);
    const id = /^\/admin\/users\/([\w-]+)$/.exec(created.headers.location!)![1]!;
    expect(await testApp.store.users.findById(id)).toMatchObject({
      phone: '+966501234567',
      nationalId: '2087654321',
    });
    const page = await admin.get(`/admin/users/${id}`);
    expect(htmlTag(page.text)).toBe('<html lang="ar" dir="rtl">');
    expect(flashOf(page.text)).toBe(
      'أُنشئ حساب فاطمة الحربي (قيد التفعيل). لم تُرسل أي دعوة: استخدم المزيد من الخيارات ← إرسال رابط إعادة التعيين عندما يكون المستخدم جاهزًا.',
    );
    expect(page.text).toContain('<dd><bdi dir="ltr">fatima@example.org</bdi></dd>');
    expect(page.text).toContain('<dd><bdi dir="ltr">••••••567</bdi></dd>');
    expect(page.text).toContain('data-testid="status-badge">قيد التفعيل</span>');
    expect(page.text).toContain('<dd>ولي أمر</dd>');
  });

  test('when an Arabic admin mistypes the phone, then the refusal is in Arabic under a left-to-right input and nothing is saved', async () => {
    const refused = await admin.submit('/admin/users/new', {
      username: 'omar@example.org',
      displayName: 'عمر',
      userType: 'employee',
      role: 'member',
      phone: '٠٥٠١٢٣٤٥٦٧',
    });

    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      '<p class="field-error" id="phone-error">يُرجى إدخال الرقم بالصيغة الدولية',
    );
    expect(refused.text).toMatch(/<input id="phone" name="phone" type="tel"[^>]*\sdir="ltr"/);
    expect(refused.text).toContain('يُرجى مراجعة الحقول المميّزة: لم يُحفظ شيء.');
    expect(await testApp.store.users.findByUsername('omar@example.org')).toBeNull();
  });

  test('when an Arabic admin lists users, then the count reads in Arabic plural forms and dates are in Riyadh time', async () => {
    const createdAt = new Date('2030-01-01T21:30:00Z');
    await testApp.store.users.create(
      {
        username: 'sara@example.org',
        displayName: 'Sara',
        userType: 'employee',
        status: 'active',
        roles: ['member'],
      },
      createdAt,
    );

    const list = await admin.get('/admin/users');

    expect(list.status).toBe(200);
    expect(list.text).toMatch(/<caption id="users-caption">\s*مستخدمان\s*<\/caption>/);
    expect(list.text).toContain(localized('ar', 'Asia/Riyadh').formatDateTime(createdAt));
    expect(list.text).toContain('<bdi dir="ltr">sara@<wbr>example.<wbr>org</bdi>');
  });

  test('when an Arabic admin resets a password in one click, then the dialog is Arabic and the password box stays left-to-right', async () => {
    const ada = await addUser(testApp, { username: 'ada@example.org' });

    const confirm = await admin.get(`/admin/users/${ada.id}/reset-password`);
    expect(confirm.text).toContain('<h1 id="confirm-heading">إعادة تعيين كلمة المرور</h1>');
    expect(confirm.text).toContain('>نعم، أعد التعيين</button>');
    const result = await confirmAction(admin, `/admin/users/${ada.id}/reset-password`);

    expect(result.status).toBe(200);
    expect(result.text).toContain('تمت إعادة تعيين كلمة المرور بنجاح');
    expect(result.text).toMatch(/<code class="secret__value" id="generated-password" dir="ltr"/);
    expect(generatedPasswordFrom(result.text)).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(result.text).toContain('<bdi dir="ltr"><strong>ada@example.org</strong></bdi>');
  });

  test('when a Japanese admin opens a reset link confirmation, then the lifetime and ticket field are in Japanese', async () => {
    const { client: japanese, user } = await signInAs(testApp, 'helpdesk');
    await testApp.store.users.updateProfile(user.id, { locale: 'ja' }, new Date());
    const ada = await addUser(testApp, { username: 'ada@example.org' });

    const page = await japanese.get(`/admin/users/${ada.id}/reset-link`);

    expect(htmlTag(page.text)).toBe('<html lang="ja" dir="ltr">');
    expect(page.text).toContain('<h1 id="confirm-heading">再設定リンクを送信</h1>');
    expect(page.text).toMatch(/有効期間は\d+ 分で/);
    expect(page.text).toContain('チケット番号');
    expect(page.text).toMatch(/<input id="ticketRef" name="ticketRef" type="text"[^>]*\sdir="ltr"/);
  });

  test('when an Arabic admin watches an SMS delivery, then the page and the JSON it polls carry Arabic text in the same shape', async () => {
    const ada = await addUser(testApp, { username: 'ada@example.org', phone: '+966501234567' });
    const queuedAt = new Date();
    const outboxId = (
      await testApp.store.outbox.enqueue(
        { channel: 'sms', payload: 'sealed', usefulUntil: new Date(Date.now() + 3600_000), userId: ada.id },
        queuedAt,
      )
    ).id;
    const page = `/admin/users/${ada.id}/deliveries/${outboxId}`;

    const html = await admin.get(page);
    expect(html.text).toContain('<h1 id="delivery-heading">رسالة نصية إلى Some One</h1>');
    expect(html.text).toContain('<dd><bdi dir="ltr">••••••567</bdi></dd>');
    expect(html.text).toContain('<span data-delivery-label>في قائمة الإرسال</span>');
    const polled = await admin.get(`${page}/status`);
    expect(polled.body).toEqual({
      state: 'queued',
      label: 'في قائمة الإرسال',
      detail: 'في انتظار عامل إرسال البريد.',
      attempts: 0,
    });
  });

  test('when the user page is read in Arabic, then the breadcrumb names the action from the admin catalog', async () => {
    const ada = await addUser(testApp, { username: 'ada@example.org' });

    const page = await admin.get(`/admin/users/${ada.id}/sessions/revoke`);

    expect(page.text).toContain('تسجيل الخروج من جميع الجلسات');
    expect(page.text).not.toContain('admin:actions');
  });
});
