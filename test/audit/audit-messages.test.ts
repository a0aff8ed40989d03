import { KNOWN_AUDIT_ACTIONS } from '../../src/audit/audit-actions';
import { AUDIT_CATEGORIES, AUDIT_SENTENCES, describeAuditEvent } from '../../src/audit/audit-messages';
import { auditSentenceHtml } from '../../src/audit/audit-sentence-html';
import { actionsMatching } from '../../src/audit/audit-search';
import { en, localized } from '../support/i18n';

const parts = { actor: 'Grace Hopper', target: 'Alan Turing', outcome: 'ok', channel: null, details: {} };

describe('audit events in plain language', () => {
  test('when any known action is described, then it reads as a sentence without its raw code', () => {
    for (const action of KNOWN_AUDIT_ACTIONS) {
      const sentence = describeAuditEvent(en, action, parts);
      expect(sentence).toMatch(/^[A-Z]/);
      expect(sentence).not.toContain(action);
      expect(sentence).not.toMatch(/[a-z]+_[a-z]+/);
      expect(AUDIT_SENTENCES[action]).toMatch(/^audit:sentences\./);
    }
  });

  test('when an admin resets a password with every option, then the sentence says how, emailed and sessions ended', () => {
    const details = { method: 'reset-password', emailed: true, logoutSessions: true, sessionsRevoked: 2 };
    expect(describeAuditEvent(en, 'password.set_by_admin', { ...parts, details })).toBe(
      'Grace Hopper reset Alan Turing’s password — one click, emailed, 2 sessions ended',
    );
    expect(describeAuditEvent(en, 'signin.failed', { ...parts, actor: null, outcome: 'unknown_user' })).toBe(
      'Someone tried to sign in with a username that does not exist',
    );
    expect(describeAuditEvent(en, 'some.future_action', parts)).toContain('some.future_action');
  });

  test('when outcomes and details differ, then each wording of a sentence is chosen by them', () => {
    expect(describeAuditEvent(en, 'reset.requested', { ...parts, actor: null, outcome: 'sent' })).toBe(
      'A reset link was sent to Alan Turing at their request',
    );
    expect(
      describeAuditEvent(en, 'reset.requested', {
        ...parts,
        actor: null,
        outcome: 'sent',
        details: { via: 'cli' },
      }),
    ).toBe('The command line sent Alan Turing a password reset link');
    expect(describeAuditEvent(en, 'reset.requested', { ...parts, outcome: 'no_user' })).toBe(
      'A password reset was asked for Alan Turing (not sent: no user)',
    );
    expect(describeAuditEvent(en, 'account.locked', { ...parts, details: { failedSignIns: 1 } })).toBe(
      'Alan Turing was locked after 1 wrong password',
    );
    expect(describeAuditEvent(en, 'signin.refused', { ...parts, outcome: 'pending' })).toBe(
      'Alan Turing’s sign-in was refused: the account has not been set up yet',
    );
    expect(
      describeAuditEvent(en, 'sessions.revoked', { ...parts, actor: null, details: { revoked: 3 } }),
    ).toBe('Ended 3 sessions of Alan Turing');
    expect(describeAuditEvent(en, 'verification.sent', { ...parts, channel: 'sms' })).toBe(
      'Grace Hopper sent Alan Turing a verification code by text message',
    );
    expect(
      describeAuditEvent(en, 'mail.failed', { ...parts, details: { reason: '550 mailbox unavailable' } }),
    ).toBe('An email to Alan Turing could not be delivered (550 mailbox unavailable)');
  });

  test('when the viewer reads Arabic or Japanese, then the sentence is theirs, with the names as given', () => {
    const details = { method: 'reset-password', emailed: true, logoutSessions: true, sessionsRevoked: 2 };
    for (const locale of ['ar', 'ja']) {
      const { t } = localized(locale);
      const sentence = describeAuditEvent(t, 'password.set_by_admin', { ...parts, details });
      expect(sentence).toContain('Grace Hopper');
      expect(sentence).toContain('Alan Turing');
      expect(sentence.replace('Grace Hopper', '').replace('Alan Turing', '')).not.toMatch(/[a-z]{4,}/);
    }
  });

  test('when a sentence is rendered as HTML, then names are escaped and isolated in bdi, URLs left to right', () => {
    const html = auditSentenceHtml(localized('ar').t, 'webhook_endpoint.created', {
      ...parts,
      actor: '<b>Eve</b> & co',
      details: { url: 'https://hooks.example.com/a?b=1&c=2' },
    });
    expect(html).toContain('<bdi>&lt;b&gt;Eve&lt;/b&gt; &amp; co</bdi>');
    expect(html).toContain('<bdi dir="ltr">https://hooks.example.com/a?b=1&amp;c=2</bdi>');
    expect(html).not.toContain('<b>');
    expect(html.replace(/<[^>]+>/g, '')).toBe(
      describeAuditEvent(localized('ar').t, 'webhook_endpoint.created', {
        ...parts,
        actor: '&lt;b&gt;Eve&lt;/b&gt; &amp; co',
        details: { url: 'https://hooks.example.com/a?b=1&amp;c=2' },
      }),
    );
  });

  test('when the categories are listed, then every known action is in exactly one', () => {
    const listed = Object.values(AUDIT_CATEGORIES).flatMap((category) => [...category.actions]);
    expect([...listed].sort()).toEqual([...KNOWN_AUDIT_ACTIONS].sort());
  });

  test('when searching free text, then every word must appear in some wording of the sentence', () => {
    expect(actionsMatching(en, 'password')).toEqual(
      expect.arrayContaining([
        'password.set_by_admin',
        'password.changed',
        'signin.failed',
        'reset.requested',
      ]),
    );
    expect(actionsMatching(en, 'text message')).toEqual(
      expect.arrayContaining(['sms.sent', 'sms.failed', 'sms.queued']),
    );
    expect(actionsMatching(en, 'text message')).not.toContain('mail.sent');
    expect(actionsMatching(en, 'LOCKED')).toContain('account.locked');
    expect(actionsMatching(en, 'alan')).toEqual([]);
    expect(actionsMatching(en, '   ')).toEqual([]);
  });

  test('when an Arabic or Japanese viewer searches, then their own words find the events', () => {
    expect(actionsMatching(localized('ar').t, 'رسالة نصية')).toEqual(
      expect.arrayContaining(['sms.sent', 'sms.failed', 'sms.queued']),
    );
    expect(actionsMatching(localized('ja').t, 'SMS')).toEqual(
      expect.arrayContaining(['sms.sent', 'sms.failed', 'sms.queued']),
    );
    expect(actionsMatching(localized('ja').t, 'ロック')).toContain('account.locked');
  });
});
