import { KNOWN_AUDIT_ACTIONS } from '../../src/audit/audit-actions';
import { AUDIT_CATEGORIES, AUDIT_SENTENCES, describeAuditEvent } from '../../src/audit/audit-messages';
import { actionsMatching } from '../../src/audit/audit-search';

const parts = { actor: 'Grace Hopper', target: 'Alan Turing', outcome: 'ok', channel: null, details: {} };

describe('audit events in plain language', () => {
  test('when any known action is described, then it reads as a sentence without its raw code', () => {
    for (const action of KNOWN_AUDIT_ACTIONS) {
      const sentence = AUDIT_SENTENCES[action](parts);
      expect(sentence).toMatch(/^[A-Z]/);
      expect(sentence).not.toContain(action);
      expect(sentence).not.toMatch(/[a-z]+_[a-z]+/);
    }
  });

  test('when an admin resets a password with every option, then the sentence says how, emailed and sessions ended', () => {
    const details = { method: 'reset-password', emailed: true, logoutSessions: true, sessionsRevoked: 2 };
    expect(describeAuditEvent('password.set_by_admin', { ...parts, details })).toBe(
      'Grace Hopper reset Alan Turing’s password — one click, emailed, 2 sessions ended',
    );
    expect(describeAuditEvent('signin.failed', { ...parts, actor: null, outcome: 'unknown_user' })).toBe(
      'Someone tried to sign in with a username that does not exist',
    );
    expect(describeAuditEvent('some.future_action', parts)).toContain('some.future_action');
  });

  test('when the categories are listed, then every known action is in exactly one', () => {
    const listed = Object.values(AUDIT_CATEGORIES).flatMap((category) => [...category.actions]);
    expect([...listed].sort()).toEqual([...KNOWN_AUDIT_ACTIONS].sort());
  });

  test('when searching free text, then every word must appear in some wording of the sentence', () => {
    expect(actionsMatching('password')).toEqual(
      expect.arrayContaining([
        'password.set_by_admin',
        'password.changed',
        'signin.failed',
        'reset.requested',
      ]),
    );
    expect(actionsMatching('text message')).toEqual(
      expect.arrayContaining(['sms.sent', 'sms.failed', 'sms.queued']),
    );
    expect(actionsMatching('text message')).not.toContain('mail.sent');
    expect(actionsMatching('LOCKED')).toContain('account.locked');
    expect(actionsMatching('alan')).toEqual([]);
    expect(actionsMatching('   ')).toEqual([]);
  });
});
