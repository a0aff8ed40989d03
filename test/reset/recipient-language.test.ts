import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import type { User } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import { confirmAction, signedInStaff } from '../support/admin';
import { FormClient } from '../support/form-client';
import { localized } from '../support/i18n';
import { readResetMail, smtpDelivery } from '../support/reset-flow';
import { SmtpSink } from '../support/smtp-sink';
import { NEW_PASSWORD, seedUser } from '../support/users';
import { buildTestApp, type TestApp } from '../web/harness';

const ADA = 'ada@example.org';
const ar = localized('ar', 'Asia/Riyadh');
const ja = localized('ja');

/** ١٢٣٤٥٦: the code as someone typing on an Arabic keyboard enters it. */
function arabicIndic(code: string): string {
  return code.replace(/\d/g, (digit) => String.fromCodePoint(0x0660 + Number(digit)));
}

describe('reset mail in the recipient’s language and time zone', () => {
  let dir: string;
  let testApp: TestApp;
  let sink: SmtpSink;
  let deliver: () => Promise<number>;

  async function build(env: Record<string, string> = {}) {
    testApp = buildTestApp({
      store: openSqliteStore(join(dir, 'store.db')),
      env: { APP_URL: 'https://reset.example.org', ...env },
    });
    deliver = smtpDelivery(testApp, sink);
  }

  async function prefer(user: User, locale: string, timeZone: string | null = null) {
    await testApp.store.users.updateProfile(user.id, { locale, timeZone }, new Date());
  }

  async function mailsTo(address: string): Promise<ParsedMail[]> {
    await deliver();
    return sink.to(address);
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-recipient-'));
    sink = await new SmtpSink().start();
  });
  afterEach(async () => {
    await testApp.close();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when an Arabic reader asks at /forgot, then the mail is Arabic and right to left, the code typed in Arabic-Indic digits works, and the password-changed notice is Arabic', async () => {
    await build();
    await prefer(await seedUser(testApp, { username: ADA }), 'ar', 'Asia/Riyadh');

    // The visitor's own page is English: the mail follows the account, not the browser.
    const forgot = await new FormClient(testApp.app).submit('/forgot', { username: ADA });
    expect(forgot.status).toBe(200);
    const [mail] = await mailsTo(ADA);

    expect(mail!.subject).toBe(ar.t('mail:reset.subject_reset'));
    expect(mail!.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail!.html).toContain(`<strong dir="ltr">${ADA}</strong>`);
    expect(mail!.html).toContain(ar.t('mail:reset.button_reset'));
    expect(mail!.text).toContain(ar.t('mail:reset.intro_self', { username: `\u2066${ADA}\u2069` }));
    expect(mail!.text).toContain(ar.t('mail:reset.enter_code'));
    expect(mail!.text).toContain(ar.formatDuration(15 * 60_000));
    expect(`${mail!.text}${mail!.html}`).not.toMatch(/Hello|Someone asked|expire at/);

    const { linkPath, code } = readResetMail(mail!);
    const browser = new FormClient(testApp.app);
    await browser.get(linkPath);
    const saved = await browser.submit('/reset', {
      code: arabicIndic(code),
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect([saved.status, saved.headers.location]).toEqual([303, '/login']);
    expect((await new FormClient(testApp.app).signIn(ADA, NEW_PASSWORD)).status).toBe(303);

    const notice = (await mailsTo(ADA)).find((m) => m.subject === ar.t('mail:password_changed.subject'));
    expect(notice).toBeDefined();
    expect(notice!.html).toContain('<html lang="ar" dir="rtl">');
    expect(notice!.text).toContain(ar.t('mail:password_changed.if_you'));
    // The time the password changed, on the recipient's clock (Riyadh, UTC+3), in Arabic.
    expect(notice!.text).toContain('غرينتش+3');
    expect(notice!.text).not.toMatch(/Hello|was changed/);
  });

  test('when the account has no language of its own, then its mail is in DEFAULT_LOCALE', async () => {
    await build({ DEFAULT_LOCALE: 'ja' });
    await seedUser(testApp, { username: ADA });

    await new FormClient(testApp.app).submit('/forgot', { username: ADA });
    const [mail] = await mailsTo(ADA);

    expect(mail!.subject).toBe('ResetDesk のパスワード再設定');
    expect(mail!.html).toContain('<html lang="ja" dir="ltr">');
    expect(mail!.text).toContain(ja.t('mail:reset.enter_code'));
    expect(readResetMail(mail!).code).toMatch(/^\d{6}$/);
  });

  test('when an admin who reads Japanese sends a reset link to an Arabic reader, then the mail is Arabic, not the admin’s language', async () => {
    await build();
    const ada = await seedUser(testApp, { username: ADA });
    await prefer(ada, 'ar');
    const { client: grace, staff } = await signedInStaff(testApp, 'admin');
    await prefer(staff, 'ja');
    expect((await grace.get(`/admin/users/${ada.id}`)).text).toContain('<html lang="ja" dir="ltr">');

    const sent = await confirmAction(grace, `/admin/users/${ada.id}/reset-link`);
    expect(sent.status).toBe(303);
    const [mail] = await mailsTo(ADA);

    expect(mail!.subject).toBe(ar.t('mail:reset.subject_reset'));
    expect(mail!.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail!.text).toContain(ar.t('mail:reset.intro_admin', { username: `\u2066${ADA}\u2069` }));
    expect(`${mail!.text}${mail!.html}`).not.toMatch(/[\u3040-\u30ff]/);
  });
});
