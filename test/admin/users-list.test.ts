import { buildTestApp, type TestApp } from '../web/harness';
import type { FormClient } from '../support/form-client';
import { addUser, listedIds, signInAs } from './users-support';

describe('GET /admin/users: search, filters, sorting and paging', () => {
  let testApp: TestApp;
  let helpdesk: FormClient;

  beforeEach(async () => {
    testApp = buildTestApp();
    ({ client: helpdesk } = await signInAs(testApp, 'helpdesk'));
  });
  afterEach(async () => {
    await testApp.close();
  });

  test('when searching by exact id, username part or name part, then exactly the matching users are listed', async () => {
    const ada = await addUser(testApp, { username: 'ada@example.org', displayName: 'Ada Lovelace' });
    const grace = await addUser(testApp, {
      username: 'g.hopper@navy.example.net',
      displayName: 'Grace Hopper',
      contactEmail: 'grace.personal@mail.example.com',
    });

    expect(listedIds((await helpdesk.get(`/admin/users?q=${ada.id}`)).text)).toEqual([ada.id]);
    expect(listedIds((await helpdesk.get('/admin/users?q=navy.example')).text)).toEqual([grace.id]);
    expect(listedIds((await helpdesk.get('/admin/users?q=lovelace')).text)).toEqual([ada.id]);
    expect(listedIds((await helpdesk.get('/admin/users?q=grace.personal')).text)).toEqual([grace.id]);
    const page = await helpdesk.get('/admin/users?q=%20Hopper%20');
    expect(listedIds(page.text)).toEqual([grace.id]);
    expect(page.text).toContain('value="Hopper"');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  test('when a row is listed, then it shows the status and type labels and links to the detail page', async () => {
    const pending = await addUser(testApp, {
      username: 'new@example.org',
      status: 'pending',
      userType: 'parent',
    });
    const page = await helpdesk.get('/admin/users?q=new%40example.org');

    const row = new RegExp(`<tr data-user-id="${pending.id}">[\\s\\S]*?</tr>`).exec(page.text)![0];
    expect(row).toContain('>Pending<');
    expect(row).toContain('<td data-label="Type">Parent</td>');
    expect(row).toMatch(
      new RegExp(
        `<a class="row-link" href="/admin/users/${pending.id}">Open<span class="visually-hidden"> Some One</span></a>`,
      ),
    );
  });

  test('when filtering by status and type, then only that status and type are listed, deleted ones included on request', async () => {
    await addUser(testApp, { username: 'a1@example.org', status: 'active', userType: 'parent' });
    const deletedParent = await addUser(testApp, {
      username: 'd1@example.org',
      status: 'deleted',
      userType: 'parent',
    });
    const deletedEmployee = await addUser(testApp, { username: 'd2@example.org', status: 'deleted' });

    expect(listedIds((await helpdesk.get('/admin/users?status=deleted&type=parent')).text)).toEqual([
      deletedParent.id,
    ]);
    const deleted = listedIds((await helpdesk.get('/admin/users?status=deleted')).text);
    expect(deleted.sort()).toEqual([deletedParent.id, deletedEmployee.id].sort());
    const everyone = await helpdesk.get('/admin/users?q=example.org');
    expect(listedIds(everyone.text)).toEqual(expect.arrayContaining([deletedParent.id, deletedEmployee.id]));
    expect(everyone.text).toContain('>Deleted<');
  });

  test('when sorting by a column header, then the order follows it and the header carries aria-sort', async () => {
    const zed = await addUser(testApp, { username: 'zed@sort.example.net', displayName: 'Aaron Zed' });
    const amy = await addUser(testApp, { username: 'amy@sort.example.net', displayName: 'Zoe Amy' });

    const byUsername = await helpdesk.get('/admin/users?q=sort.example');
    expect(listedIds(byUsername.text)).toEqual([amy.id, zed.id]);
    expect(byUsername.text).toMatch(
      /<th scope="col" aria-sort="ascending"><a href="\/admin\/users\?q=sort.example&amp;dir=desc">Username/,
    );

    const byName = await helpdesk.get('/admin/users?q=sort.example&sort=name');
    expect(listedIds(byName.text)).toEqual([zed.id, amy.id]);
    expect(byName.text).toMatch(/aria-sort="ascending"><a [^>]*>Name/);

    const byNameDesc = await helpdesk.get('/admin/users?q=sort.example&sort=name&dir=desc');
    expect(listedIds(byNameDesc.text)).toEqual([amy.id, zed.id]);
    expect(byNameDesc.text).toMatch(/aria-sort="descending"><a [^>]*>Name/);
    expect(byNameDesc.text).toContain('<input type="hidden" name="sort" value="name">');
  });

  test('when sorting by created or last sign-in, then newest comes first and the order can be reversed', async () => {
    const base = { displayName: 'Dated', userType: 'employee', status: 'active', roles: ['member'] } as const;
    const created = async (username: string, at: number) => {
      const result = await testApp.store.users.create({ ...base, username, roles: ['member'] }, new Date(at));
      if (!result.ok) throw new Error(result.error);
      return result.user;
    };
    const first = await created('first@dates.example.net', Date.now() - 120_000);
    const second = await created('second@dates.example.net', Date.now() - 60_000);
    await testApp.store.users.recordSignIn(first.id, new Date(Date.now() + 60_000));
    await testApp.store.users.recordSignIn(second.id, new Date(Date.now() - 60_000));

    const bySignIn = await helpdesk.get('/admin/users?q=dates.example&sort=last-sign-in');
    expect(listedIds(bySignIn.text)).toEqual([first.id, second.id]);
    expect(bySignIn.text).toMatch(/aria-sort="descending"><a href="[^"]*dir=asc"[^>]*>Last sign-in/);
    const bySignInAsc = await helpdesk.get('/admin/users?q=dates.example&sort=last-sign-in&dir=asc');
    expect(listedIds(bySignInAsc.text)).toEqual([second.id, first.id]);

    const byCreated = await helpdesk.get('/admin/users?q=dates.example&sort=created');
    expect(listedIds(byCreated.text)).toEqual([second.id, first.id]);
  });

  test('when there are more than 25 matches, then pages of 25 link to each other and keep every parameter', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 27; i++) {
      const user = await addUser(testApp, {
        username: `p${String(i).padStart(2, '0')}@page.example.org`,
        userType: 'customer',
      });
      ids.push(user.id);
    }

    const first = await helpdesk.get('/admin/users?q=page.example&type=customer&sort=username&dir=desc');
    expect(listedIds(first.text)).toEqual([...ids].reverse().slice(0, 25));
    expect(first.text).toContain('27 users, showing 1–25');
    expect(first.text).toContain('Page 1 of 2');
    const next = /<a href="([^"]+)" rel="next">/.exec(first.text)![1]!.replace(/&amp;/g, '&');
    expect(next).toBe('/admin/users?q=page.example&type=customer&dir=desc&page=2');

    const second = await helpdesk.get(next);
    expect(listedIds(second.text)).toEqual([ids[1], ids[0]]);
    expect(second.text).toMatch(
      /<a href="\/admin\/users\?q=page.example&amp;type=customer&amp;dir=desc" rel="prev">/,
    );

    const pastEnd = await helpdesk.get('/admin/users?q=page.example&page=9');
    expect(pastEnd.status).toBe(200);
    expect(pastEnd.text).toContain('There is no page 9');
  });

  test('when nothing matches, then the page explains what to try next', async () => {
    await addUser(testApp);
    const page = await helpdesk.get('/admin/users?q=nobody-like-this&status=suspended');

    expect(page.status).toBe(200);
    expect(listedIds(page.text)).toEqual([]);
    expect(page.text).toContain('No users found');
    expect(page.text).toContain('Check the spelling of “nobody-like-this”');
    expect(page.text).toContain('the exact user id, part of the email address');
    expect(page.text).toContain('The status or type filter may be hiding them');
    expect(page.text).toContain('Suspended and deleted accounts are listed too');
  });

  test.each([
    ['page=0', 'The page must be a whole number'],
    ['page=abc', 'The page must be a whole number'],
    ['page=1.5', 'The page must be a whole number'],
    ['status=weird', 'Unknown status'],
    ['type=robot', 'Unknown user type'],
    ['sort=password', 'Unknown sort'],
    ['dir=up', 'Unknown sort direction'],
    ['q[]=x', 'Unknown search parameter “q[]”'],
    ['q[$ne]=x', 'Unknown search parameter “q[$ne]”'],
    ['q=a&q=b', 'The “q” parameter must be given once'],
    [`q=${'x'.repeat(201)}`, 'The search is too long'],
  ])('when the query is %s, then a 400 page says what is wrong', async (query, message) => {
    const res = await helpdesk.get(`/admin/users?${query}`);

    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(res.text).not.toContain('data-user-id');
  });

  test('when the search is exactly 200 characters, then it is accepted', async () => {
    expect((await helpdesk.get(`/admin/users?q=${'x'.repeat(200)}`)).status).toBe(200);
  });
});
