import { breadcrumbsFor, navigationFor, NAV_ITEMS, roleLabel } from '../../src/navigation';
import { en, localized } from '../support/i18n';
import { describeSource, summarizeUserAgent } from '../../src/user-agent';

describe('the side navigation and breadcrumbs', () => {
  test('when a viewer lacks an item’s permission, then the item is left out; the current one is marked on its sub-pages too', () => {
    const helpdesk = (permission: string) => permission === 'users:read';
    expect(navigationFor('/admin/users/abc/edit', helpdesk, en)).toEqual([
      { href: '/', label: 'Home', current: false },
      { href: '/admin/users', label: 'Users', current: true },
      { href: '/account', label: 'My account', current: false },
    ]);
    expect(
      navigationFor('/', () => true, en)
        .filter((item) => item.current)
        .map((item) => item.label),
    ).toEqual(['Home']);
    expect(NAV_ITEMS.map((item) => en(item.label))).toEqual([
      'Home',
      'Users',
      'Audit log',
      'API tokens',
      'Webhooks',
      'My account',
    ]);
  });

  test('when a page is an admin page, then the trail runs Home › section › account › step, the last without a link', () => {
    const alan = { id: 'u1', displayName: 'Alan Turing' };
    expect(breadcrumbsFor('/admin/users', null, en)).toEqual([
      { label: 'Home', href: '/' },
      { label: 'Users', href: null },
    ]);
    expect(breadcrumbsFor('/admin/users/u1', alan, en)).toEqual([
      { label: 'Home', href: '/' },
      { label: 'Users', href: '/admin/users' },
      { label: 'Alan Turing', href: null },
    ]);
    expect(breadcrumbsFor('/admin/users/u1/sessions/revoke', alan, en).at(-1)).toEqual({
      label: 'Sign out all sessions',
      href: null,
    });
    expect(breadcrumbsFor('/admin/users/u1/deliveries/o1', alan, en).at(-1)?.label).toBe('Delivery status');
    expect(breadcrumbsFor('/admin/users/new', null, en).at(-1)).toEqual({ label: 'New user', href: null });
    expect(breadcrumbsFor('/account', null, en)).toEqual([]);
  });

  test('when someone holds several roles, then the most privileged names them', () => {
    expect(roleLabel({ roles: ['member', 'admin'] }, en)).toBe('Administrator');
    expect(roleLabel({ roles: ['helpdesk'] }, en)).toBe('Help desk');
    expect(roleLabel({ roles: ['member'] }, en)).toBe('Member');
  });
});

describe('user agents and addresses as people read them', () => {
  test.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      'Chrome on Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari on iOS',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:126.0) Gecko/20100101 Firefox/126.0',
      'Firefox on macOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    ['scripts/trigger-reset', 'Command line'],
    ['outbox-worker', 'Message worker'],
    ['', 'Unknown browser'],
    ['node-superagent/3.8.3', 'Another program'],
  ])('when the user agent is %s, then it reads "%s"', (userAgent, summary) => {
    expect(summarizeUserAgent(userAgent, en)).toBe(summary);
  });

  test('when a source is IPv4-mapped or on this server, then it reads as plain IPv4, isolated left-to-right, or as the program alone', () => {
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0';
    expect(describeSource(chrome, '::ffff:203.0.113.7', en)).toBe(
      'Chrome on Windows from \u2066203.0.113.7\u2069',
    );
    expect(describeSource(chrome, '2001:db8::1', en)).toBe('Chrome on Windows from \u20662001:db8::1\u2069');
    expect(describeSource(chrome, '::ffff:127.0.0.1', en)).toBe('Chrome on Windows');
    expect(describeSource('scripts/trigger-reset', 'cli', en)).toBe('Command line');
  });

  test('when the viewer reads Arabic or Japanese, then the summary is in their language and the names stay as they are', () => {
    const safari =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
    expect(summarizeUserAgent(safari, localized('ar').t)).toBe('Safari على iOS');
    expect(summarizeUserAgent('', localized('ja').t)).toBe('不明なブラウザー');
  });
});
