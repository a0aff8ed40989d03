import { renderPasswordChangedEmail, renderResetEmail, type ResetEmailInput } from '../../src/mail/templates';

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
    const mail = renderResetEmail(resetInput());

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
      expect(part).toContain('14:35 UTC');
      expect(part).toContain('(in 15 minutes)');
      expect(part).toContain('https://desk.example.com/reset');
      expect(part).toContain('any device');
      expect(part).toContain(
        "If you didn't ask for this, ignore this email — your password stays the same; if you keep getting these, contact your help desk.",
      );
    }
  });

  it('when a mail is rendered, then it loads nothing remote and carries no tracking', () => {
    const { html } = renderResetEmail(resetInput());

    expect(html).not.toMatch(/<img|<script|<link|<iframe|url\(|\son[a-z]+=/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual([LINK, 'https://desk.example.com/reset']);
  });

  it('when an admin sends the link or an invitation is rendered, then the wording and subject follow', () => {
    const byAdmin = renderResetEmail(resetInput({ requestedByAdmin: true }));
    const invite = renderResetEmail(resetInput({ purpose: 'invite', requestedByAdmin: true }));

    expect(byAdmin.text).toContain('Your help desk started a password reset');
    expect(invite).toMatchObject({ subject: 'Set up your ResetDesk account', kind: 'invite' });
    expect(invite.text).toContain('An account has been created for you');
    expect(invite.text).toMatch(/^048213$/m);
    expect(invite.html).toContain(LINK);
  });

  it('when the display name holds markup or line breaks, then HTML escapes it and text keeps it on one line', () => {
    const mail = renderResetEmail(resetInput({ displayName: '<b>Eve</b>\r\nBcc: x@example.com "&\'' }));

    expect(mail.html).toContain('Hello &lt;b&gt;Eve&lt;/b&gt; Bcc: x@example.com &#34;&amp;&#39;,');
    expect(mail.html).not.toContain('<b>Eve');
    expect(mail.text).toContain('Hello <b>Eve</b> Bcc: x@example.com "&\',');
  });

  it('when the expiry is a minute away or the name is empty, then the wording stays natural', () => {
    const mail = renderResetEmail(
      resetInput({ displayName: '', expiresAt: new Date(NOW.getTime() + 60_000) }),
    );

    expect(mail.text).toMatch(/^Hello,$/m);
    expect(mail.text).toContain('(in 1 minute)');
  });

  it('when the lifetime is hours or days (invitations), then the expiry names the date and reads in hours or days', () => {
    const invite = renderResetEmail(
      resetInput({ purpose: 'invite', expiresAt: new Date(NOW.getTime() + 72 * 3_600_000) }),
    );
    const longReset = renderResetEmail(resetInput({ expiresAt: new Date(NOW.getTime() + 5 * 3_600_000) }));

    expect(invite.text).toContain('expire at 14:20 UTC on 2030-01-05');
    expect(invite.html).toContain('expire at <strong>14:20 UTC on 2030-01-05</strong>');
    for (const part of [invite.text, invite.html]) {
      expect(part).toContain('(in 3 days)');
      expect(part).toContain('set up your account');
      expect(part).not.toContain('minutes');
    }
    expect(longReset.text).toContain('expire at 19:20 UTC (in 5 hours)');
  });

  it('when a password-changed mail is rendered, then it names the time and who and carries the "this wasn\'t me" link, with no code or reset token', () => {
    const secureAccountLink = 'https://desk.example.com/secure-account?token=abc_DEF-123';
    const self = renderPasswordChangedEmail({
      to: 'ann@example.com',
      displayName: 'Ann Lee',
      changedAt: NOW,
      by: 'self',
      userId: 'user-ann',
      secureAccountLink,
    });
    const byAdmin = renderPasswordChangedEmail({
      to: 'ann@example.com',
      displayName: 'Ann Lee',
      changedAt: NOW,
      by: 'admin',
      userId: 'user-ann',
      secureAccountLink,
    });

    expect(self).toMatchObject({
      to: 'ann@example.com',
      subject: 'Your ResetDesk password was changed',
      kind: 'password_changed',
      userId: 'user-ann',
    });
    for (const part of [self.text, self.html]) {
      expect(part).toContain('2030-01-02 at 14:20 UTC');
      expect(part).not.toContain('by an administrator');
      expect(part).toContain("This wasn't me");
      expect(part).toContain(secureAccountLink);
      expect(part).toContain('contact your help desk');
      expect(part).not.toMatch(/\/reset\?token=|\b\d{6}\b|password:/i);
    }
    expect(byAdmin.text).toContain('14:20 UTC by an administrator.');
    expect(byAdmin.html).toContain('by an administrator');
  });
});
