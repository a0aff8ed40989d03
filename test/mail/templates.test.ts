import {
  renderPasswordChangedEmail,
  renderResetEmail,
  renderVerificationCodeSms,
  type ResetEmailInput,
} from '../../src/mail/templates';
import { en, localized } from '../support/i18n';

const EN = localized('en');

const TOKEN = 'Zq9xv1mP4sLr8eWc2yHn6bJd0fGa5kTuQw3eR7tY';
const LINK = `https://desk.example.com/reset?token=${TOKEN}`;
const NOW = new Date('2030-01-02T14:20:00Z');

function resetInput(overrides: Partial<ResetEmailInput> = {}): ResetEmailInput {
  return {
    to: 'ann@example.com',
    displayName: 'Ann Lee',
    link: LINK,
    code: '048213',
    expiresAt: new Date('2030-01-02T14:35:00Z'),
    purpose: 'reset',
    requestedByAdmin: false,
    userId: 'user-ann',
    now: NOW,
    ...overrides,
  };
}

describe('email templates', () => {
  it('when a reset mail is rendered, then both parts carry the link, the code, the expiry and the guidance', () => {
    const mail = renderResetEmail(resetInput(), EN);

    expect(mail).toMatchObject({
      to: 'ann@example.com',
      subject: 'Reset your ResetDesk password',
      userId: 'user-ann',
      kind: 'reset_link',
    });
    expect(mail.text).toMatch(/^Hello Ann Lee,$/m);
    expect(mail.text).toMatch(new RegExp(`^${LINK.replace(/[.?]/g, '\\$&')}$`, 'm'));
    expect(mail.text).toMatch(/^048213$/m);
    expect(mail.html).toMatch(
      new RegExp(`<a href="${LINK.replace(/[.?]/g, '\\$&')}"[^>]*>Choose a new password</a>`),
    );
    expect(mail.html).toMatch(/font-family:ui-monospace[^>]*>048213<\/p>/);
    expect(mail.html).toContain('<meta name="color-scheme" content="light dark">');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('expire at');
      expect(part).toContain('2:35 PM UTC');
      expect(part).toContain('(in 15 minutes)');
      expect(part).toContain('https://desk.example.com/reset');
      expect(part).toContain('any device');
      expect(part).toContain(en('mail:reset.ignore_reset'));
    }
  });

  it('when a mail is rendered, then it loads nothing remote and carries no tracking', () => {
    const { html } = renderResetEmail(resetInput(), EN);

    expect(html).not.toMatch(/<img|<script|<link|<iframe|url\(|\son[a-z]+=/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual([LINK, 'https://desk.example.com/reset']);
  });

  it('when an admin sends the link or an invitation is rendered, then the wording and subject follow', () => {
    const byAdmin = renderResetEmail(resetInput({ requestedByAdmin: true }), EN);
    const invite = renderResetEmail(resetInput({ purpose: 'invite', requestedByAdmin: true }), EN);

    expect(byAdmin.text).toContain('Your help desk started a password reset');
    expect(invite).toMatchObject({ subject: 'Set up your ResetDesk account', kind: 'invite' });
    expect(invite.text).toContain('An account has been created for you');
    expect(invite.text).toMatch(/^048213$/m);
    expect(invite.html).toContain(LINK);
  });

  it('when the display name holds markup or line breaks, then HTML escapes it and text keeps it on one line', () => {
    const mail = renderResetEmail(resetInput({ displayName: '<b>Eve</b>\r\nBcc: x@example.com "&\'' }), EN);

    expect(mail.html).toContain('Hello &lt;b&gt;Eve&lt;/b&gt; Bcc: x@example.com &#34;&amp;&#39;,');
    expect(mail.html).not.toContain('<b>Eve');
    expect(mail.text).toContain('Hello <b>Eve</b> Bcc: x@example.com "&\',');
  });

  it('when the expiry is a minute away or the name is empty, then the wording stays natural', () => {
    const mail = renderResetEmail(
      resetInput({ displayName: '', expiresAt: new Date(NOW.getTime() + 60_000) }),
      EN,
    );

    expect(mail.text).toMatch(/^Hello,$/m);
    expect(mail.text).toContain('(in 1 minute)');
  });

  it('when the lifetime is hours or days (invitations), then the expiry names the date and reads in hours or days', () => {
    const invite = renderResetEmail(
      resetInput({ purpose: 'invite', expiresAt: new Date(NOW.getTime() + 72 * 3_600_000) }),
      EN,
    );
    const longReset = renderResetEmail(
      resetInput({ expiresAt: new Date(NOW.getTime() + 5 * 3_600_000) }),
      EN,
    );

    expect(invite.text).toContain('expire at Jan 5, 2030, 2:20 PM UTC');
    expect(invite.html).toContain('expire at <strong>Jan 5, 2030, 2:20 PM UTC</strong>');
    for (const part of [invite.text, invite.html]) {
      expect(part).toContain('(in 3 days)');
      expect(part).toContain('set up your account');
      expect(part).not.toContain('minutes');
    }
    expect(longReset.text).toContain('expire at 7:20 PM UTC (in 5 hours)');
  });

  it('when a password-changed mail is rendered, then it names the time and who and carries the "this wasn\'t me" link, with no code or reset token', () => {
    const secureAccountLink = 'https://desk.example.com/secure-account?token=abc_DEF-123';
    const self = renderPasswordChangedEmail(
      {
        to: 'ann@example.com',
        displayName: 'Ann Lee',
        changedAt: NOW,
        by: 'self',
        userId: 'user-ann',
        secureAccountLink,
      },
      EN,
    );
    const byAdmin = renderPasswordChangedEmail(
      {
        to: 'ann@example.com',
        displayName: 'Ann Lee',
        changedAt: NOW,
        by: 'admin',
        userId: 'user-ann',
        secureAccountLink,
      },
      EN,
    );

    expect(self).toMatchObject({
      to: 'ann@example.com',
      subject: 'Your ResetDesk password was changed',
      kind: 'password_changed',
      userId: 'user-ann',
    });
    for (const part of [self.text, self.html]) {
      expect(part).toContain('Jan 2, 2030, 2:20 PM UTC');
      expect(part).not.toContain('by an administrator');
      expect(part).toContain('This wasn’t me');
      expect(part).toContain(secureAccountLink);
      expect(part).toContain('contact your help desk');
      expect(part).not.toMatch(/\/reset\?token=|\b\d{6}\b|password:/i);
    }
    expect(byAdmin.text).toContain('2:20 PM UTC by an administrator.');
    expect(byAdmin.html).toContain('by an administrator');
  });

  it('when the recipient reads Arabic, then the subject and both parts are Arabic, right to left, with the username, link and code kept left to right', () => {
    const ar = localized('ar');
    const mail = renderResetEmail(resetInput(), ar);

    expect(mail.subject).toBe(ar.t('mail:reset.subject_reset'));
    expect(mail.html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(mail.html).toContain('<strong dir="ltr">ann@example.com</strong>');
    expect(mail.html).toMatch(/dir="ltr">048213<\/p>/);
    expect(mail.html).toContain(
      `<a class="rd-link" style="color:#1f5fbf;" dir="ltr" href="https://desk.example.com/reset">`,
    );
    expect(mail.html).toContain(ar.t('mail:reset.enter_code'));
    expect(mail.text).toContain(ar.t('mail:reset.intro_self', { username: '\u2066ann@example.com\u2069' }));
    expect(mail.text).toMatch(/^048213$/m);
    expect(mail.text).toContain(ar.formatDuration(15 * 60_000));
    expect(`${mail.text}${mail.html}`).not.toMatch(/Hello|expire|ResetDesk password/);
  });

  it('when the recipient reads Japanese in Tokyo, then the expiry is their local time, and markup in a value stays escaped in the translated sentence', () => {
    const ja = localized('ja', 'Asia/Tokyo');
    const mail = renderResetEmail(resetInput({ to: 'a<b>@example.com' }), ja);

    expect(mail.subject).toBe('ResetDesk のパスワード再設定');
    expect(mail.html).toMatch(/<html lang="ja" dir="ltr">/);
    expect(mail.text).toContain(ja.formatDeadline(new Date('2030-01-02T14:35:00Z'), NOW));
    expect(mail.text).toContain('23:35');
    expect(mail.html).toContain('<strong dir="ltr">a&lt;b&gt;@example.com</strong>');
    expect(mail.html).not.toContain('a<b>@');
  });

  it('when a verification code is texted to an Arabic reader, then the text is Arabic and carries the code and the link', () => {
    const ar = localized('ar');
    const sms = renderVerificationCodeSms(
      {
        to: '+966501234567',
        displayName: 'Ann',
        agentName: 'Grace',
        code: '048213',
        expiresAt: new Date(NOW.getTime() + 600_000),
        now: NOW,
        userId: 'user-ann',
        secureAccountLink: 'https://desk.example.com/secure-account?token=abc',
      },
      ar,
    );

    expect(sms.body).toContain('048213');
    expect(sms.body).toContain('https://desk.example.com/secure-account?token=abc');
    expect(sms.body).toContain('الدعم الفني');
    expect(sms.body).not.toMatch(/help desk/);
  });
});
