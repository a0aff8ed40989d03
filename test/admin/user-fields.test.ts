import { describeDelivery } from '../../src/admin/delivery-status';
import { maskNationalId, maskPhone } from '../../src/admin/masking';
import {
  checkDisplayName,
  checkGrantableRole,
  checkNationalId,
  checkPhone,
  checkUsername,
  readText,
  type Check,
} from '../../src/admin/user-fields';
import { listHref, parseUserListQuery } from '../../src/admin/user-query';
import type { OutboxItem } from '../../src/store';
import { en, localized } from '../support/i18n';

const value = <T>(check: Check<T>) =>
  check.ok ? check.value : `error: ${en(check.error.key, check.error.values)}`;

describe('user form fields', () => {
  test.each([
    [['admin'], 'admin', 'admin'],
    [['admin'], 'helpdesk', 'helpdesk'],
    [['helpdesk'], 'helpdesk', 'helpdesk'],
    [['helpdesk'], 'member', 'member'],
    [['helpdesk'], 'admin', 'error: You cannot grant a role with permissions you do not hold yourself.'],
    [['member'], 'helpdesk', 'error: You cannot grant a role with permissions you do not hold yourself.'],
    [['admin'], 'root', 'error: Choose a role from the list.'],
  ] as const)('when a granter with %j grants %j, then the role is %j', (roles, role, expected) => {
    expect(value(checkGrantableRole({ roles: [...roles] })(role))).toBe(expected);
  });

  test.each([
    ['+44 7700 900123', '+447700900123'],
    ['+1 (555) 555-0123', '+15555550123'],
    ['+966.50.123.4567', '+966501234567'],
    ['  ', null],
    ['+٩٦٦٥٠١٢٣٤٥٦٧', '+966501234567'],
    ['+۹۶۶ ۵۰ ۱۲۳ ۴۵۶۷', '+966501234567'],
    ['＋８１ ９０ １２３４ ５６７８', '+819012345678'],
  ])('when the phone is %j, then it is stored as %j', (typed, stored) => {
    expect(value(checkPhone(typed))).toBe(stored);
  });

  test.each([
    '07700 900123',
    '+0 7700 900123',
    '+44 7700 900123 ext 5',
    '+1234567',
    '+1234567890123456',
    '+44\n7700900123',
  ])('when the phone is %j, then it is refused', (typed) => {
    expect(value(checkPhone(typed))).toMatch(/^error: Enter the number in international format/);
  });

  test.each([
    ['2087654321', '2087654321'],
    ['1012-345 678', '1012345678'],
    ['', null],
    ['２０８７６５４３２１', '2087654321'],
    ['١٠١٢٣٤٥٦٧٨', '1012345678'],
  ])('when the national ID is %j, then it is stored as %j', (typed, stored) => {
    expect(value(checkNationalId(typed))).toBe(stored);
  });

  test.each(['3087654321', '208765432', '20876543210', '20876543a1', '３０８７６５４３２１'])(
    'when the national ID is %j, then it is refused',
    (typed) => {
      expect(value(checkNationalId(typed))).toMatch(/^error: /);
    },
  );

  test('when names carry line breaks, controls or bidi overrides, then they are refused; other scripts pass', () => {
    expect(value(checkDisplayName('Eve\r\nBcc: x'))).toMatch(/^error: Remove line breaks/);
    expect(value(checkDisplayName('Eve\u0000'))).toMatch(/^error: /);
    expect(value(checkDisplayName('gpj.\u202Eexe'))).toMatch(/^error: /);
    expect(value(checkDisplayName('  فاطمة الحربي  '))).toBe('فاطمة الحربي');
    expect(value(checkDisplayName('می\u200Cخواهم'))).toBe('می\u200Cخواهم');
    expect(value(checkDisplayName('😀'.repeat(100)))).toBe('😀'.repeat(100));
  });

  test('when the username has full-width letters and capitals, then it is normalized; look-alikes stay distinct', () => {
    expect(value(checkUsername(' ＡＤＡ@Example.org '))).toBe('ada@example.org');
    expect(value(checkUsername('adı@example.org'))).toBe('adı@example.org');
    expect(value(checkUsername('ada@example.org\r\nbcc:x@example.org'))).toMatch(/^error: /);
  });

  test('when a field is an array, an object or too long, then readText refuses it; missing reads as blank', () => {
    expect(value(readText({ a: ['x', 'y'] }, 'a', 10))).toMatch(/^error: Send this field once/);
    expect(value(readText({ a: { $ne: null } }, 'a', 10))).toMatch(/^error: Send this field once/);
    expect(value(readText({ a: 'x'.repeat(11) }, 'a', 10))).toBe('error: Use at most 10 characters.');
    expect(value(readText({}, 'a', 10))).toBe('');
  });
});

describe('masking', () => {
  test('when a phone or national ID is masked, then only the last digits remain, behind a fixed-length mask', () => {
    expect(maskPhone('+447700900123')).toBe('••••••123');
    expect(maskPhone('+15555550123')).toBe('••••••123');
    expect(maskNationalId('2087654321')).toBe('••••••4321');
    expect([maskPhone(null), maskNationalId(null)]).toEqual([null, null]);
  });
});

describe('delivery status', () => {
  const item = (overrides: Partial<OutboxItem>): OutboxItem => ({
    id: 'o1',
    channel: 'email',
    payload: 'sealed',
    status: 'queued',
    attempts: 0,
    nextAttemptAt: new Date('2030-01-01T10:00:00Z'),
    leaseUntil: null,
    lastError: null,
    createdAt: new Date('2030-01-01T10:00:00Z'),
    sentAt: null,
    usefulUntil: new Date('2030-01-01T10:15:00Z'),
    userId: 'u1',
    ...overrides,
  });

  test.each([
    [null, null, 'not_queued'],
    ['o1', null, 'untracked'],
    ['o1', item({}), 'queued'],
    ['o1', item({ attempts: 1, leaseUntil: new Date() }), 'sending'],
    ['o1', item({ attempts: 2, lastError: 'ETIMEDOUT: delivery failed' }), 'retrying'],
    ['o1', item({ status: 'sent', attempts: 1, sentAt: new Date('2030-01-01T10:01:00Z') }), 'sent'],
    ['o1', item({ status: 'failed', attempts: 1, lastError: 'EENVELOPE 550' }), 'abandoned'],
    ['o1', item({ status: 'expired', attempts: 9, lastError: 'ETIMEDOUT: timed out' }), 'expired'],
    ['o1', item({ status: 'expired', attempts: 0 }), 'expired'],
  ] as const)('when the outbox id is %j and the item %j, then the state is %s', (id, outboxItem, state) => {
    expect(describeDelivery(id, outboxItem, localized()).state).toBe(state);
  });

  test('when a mail expired undelivered, then the detail says when and why, not that it was refused', () => {
    const expired = describeDelivery(
      'o1',
      item({ status: 'expired', attempts: 9, lastError: 'ETIMEDOUT: timed out' }),
      localized(),
    );

    expect(expired.label).toBe('Expired');
    expect(expired.detail).toBe(
      'Not delivered before it stopped being useful at Jan 1, 2030, 10:15 AM UTC after 9 attempts (ETIMEDOUT: timed out).',
    );
  });

  test('when the viewer reads Arabic in Riyadh, then the state and its time are in Arabic, in their zone', () => {
    const retrying = describeDelivery(
      'o1',
      item({ attempts: 2, lastError: 'ETIMEDOUT', nextAttemptAt: new Date('2030-01-01T10:05:00Z') }),
      localized('ar', 'Asia/Riyadh'),
    );

    expect(retrying.label).toBe('فشلت، وتجري إعادة المحاولة');
    expect(retrying.detail).toBe(
      `فشلت المحاولة رقم 2 (ETIMEDOUT)؛ المحاولة التالية ${localized('ar', 'Asia/Riyadh').formatDateTime(new Date('2030-01-01T10:05:00Z'))}`,
    );
    expect(retrying.detail).toContain('1:05 م');
  });
});

describe('users list query', () => {
  test('when parameters are blank, then the defaults apply and the canonical URL leaves them out', () => {
    const parsed = parseUserListQuery({ q: '', status: '', type: '', sort: '', dir: '', page: '' });
    expect(parsed).toEqual({
      ok: true,
      query: { q: '', status: null, type: null, sort: 'username', dir: 'asc', page: 1 },
    });
    if (parsed.ok) expect(listHref(parsed.query)).toBe('/admin/users');
  });

  test('when date columns are sorted without a direction, then newest comes first', () => {
    const parsed = parseUserListQuery({ sort: 'last-sign-in' });
    expect(parsed.ok && parsed.query.dir).toBe('desc');
    if (parsed.ok) expect(listHref(parsed.query, { page: 3 })).toBe('/admin/users?sort=last-sign-in&page=3');
  });

  test('when the page is beyond a million, then it is refused', () => {
    expect(parseUserListQuery({ page: '1000001' }).ok).toBe(false);
    expect(parseUserListQuery({ page: '1000000' }).ok).toBe(true);
  });
});
