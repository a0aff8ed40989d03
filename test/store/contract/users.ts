import { normalizeUsername } from '../../../src/shared/username';
import type { NewUser, Store, User } from '../../../src/store';
import type { ContractBackend } from '../backend';
import { minutesAfter, T0, useStore } from './harness';

export function newUser(overrides: Partial<NewUser> = {}): NewUser {
  return {
    username: 'ada@example.org',
    displayName: 'Ada Lovelace',
    userType: 'employee',
    status: 'active',
    roles: ['member'],
    ...overrides,
  };
}

export async function createUser(store: Store, overrides: Partial<NewUser> = {}): Promise<User> {
  const result = await store.users.create(newUser(overrides), T0);
  if (!result.ok) throw new Error(`could not create ${overrides.username}: ${result.error}`);
  return result.user;
}

export function userContract(backend: ContractBackend): void {
  describe('users', () => {
    const ctx = useStore(backend);

    test('when a user is created, then every field reads back as written', async () => {
      const created = await createUser(ctx.store, {
        contactEmail: 'ada.contact@example.net',
        phone: '+966500000001',
        userType: 'parent',
        nationalId: '1234567890',
        status: 'pending',
        roles: ['admin', 'helpdesk'],
        passwordHash: '$argon2id$fake',
        mustChangePassword: true,
      });
      const found = await ctx.store.users.findById(created.id);
      expect(found).toEqual(created);
      expect(found).toMatchObject({
        username: 'ada@example.org',
        contactEmail: 'ada.contact@example.net',
        phone: '+966500000001',
        userType: 'parent',
        nationalId: '1234567890',
        status: 'pending',
        roles: ['admin', 'helpdesk'],
        passwordHash: '$argon2id$fake',
        passwordHistory: [],
        mustChangePassword: true,
        passwordExpiresAt: null,
        failedSignIns: 0,
        lockedUntil: null,
        sessionVersion: 0,
        lastSignInAt: null,
      });
      expect(found!.createdAt).toEqual(T0);
      expect(await ctx.store.users.findByUsername('ada@example.org')).toEqual(created);
      expect(await ctx.store.users.findById('no-such-id')).toBeNull();
      expect(await ctx.store.users.count()).toBe(1);
    });

    test('when usernames are equal after normalization, then the second is taken; look-alikes stay distinct', async () => {
      await createUser(ctx.store, { username: normalizeUsername('Mike@Example.org') });
      const sameAfterCase = await ctx.store.users.create(
        newUser({ username: normalizeUsername('  mike@example.org ') }),
        T0,
      );
      const sameAfterNfkc = await ctx.store.users.create(
        newUser({ username: normalizeUsername('Ｍike@example.org') }),
        T0,
      );
      const dotless = await ctx.store.users.create(
        newUser({ username: normalizeUsername('mıke@example.org') }),
        T0,
      );
      expect(sameAfterCase).toEqual({ ok: false, error: 'username_taken' });
      expect(sameAfterNfkc).toEqual({ ok: false, error: 'username_taken' });
      expect(dotless.ok).toBe(true);
      expect(await ctx.store.users.findByUsername('mike@example.org')).not.toBeNull();
      expect(await ctx.store.users.findByUsername('mıke@example.org')).not.toBeNull();
    });

    test('when only the status is asked for by username, then the id and current status come back, and null for unknown names', async () => {
      const ada = await createUser(ctx.store, { status: 'pending' });
      expect(await ctx.store.users.findStatusByUsername('ada@example.org')).toEqual({
        id: ada.id,
        status: 'pending',
      });
      await ctx.store.users.setStatus(ada.id, 'suspended', minutesAfter(T0, 1));
      expect(await ctx.store.users.findStatusByUsername('ada@example.org')).toEqual({
        id: ada.id,
        status: 'suspended',
      });
      expect(await ctx.store.users.findStatusByUsername('Ada@example.org')).toBeNull();
      expect(await ctx.store.users.findStatusByUsername('nobody@example.org')).toBeNull();
    });

    test('when active holders of a role are listed, then suspended, pending and other-role accounts are left out', async () => {
      const grace = await createUser(ctx.store, { username: 'grace@example.org', roles: ['admin'] });
      const both = await createUser(ctx.store, {
        username: 'both@example.org',
        roles: ['helpdesk', 'admin'],
      });
      await createUser(ctx.store, { username: 'off@example.org', roles: ['admin'], status: 'suspended' });
      await createUser(ctx.store, { username: 'new@example.org', roles: ['admin'], status: 'pending' });
      await createUser(ctx.store, { username: 'desk@example.org', roles: ['helpdesk'] });
      await createUser(ctx.store);

      const admins = await ctx.store.users.listActiveWithRole('admin');
      expect(admins.map((user) => user.id).sort()).toEqual([grace.id, both.id].sort());
      expect(admins.map((user) => user.id)).toEqual([...admins.map((user) => user.id)].sort());
      expect(await ctx.store.users.listActiveWithRole('member')).toHaveLength(1);
    });

    test('when two instances create the same username at once, then exactly one succeeds', async () => {
      const other = await ctx.openAnother();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : ctx.store).users.create(newUser({ username: 'race@example.org' }), T0),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(await ctx.store.users.count()).toBe(1);
    });

    test('when searching, then id, username, contact email and name match, with filters, sorting and paging', async () => {
      const ada = await createUser(ctx.store, { username: 'ada@example.org', displayName: 'Ada Lovelace' });
      await createUser(ctx.store, {
        username: 'grace@example.org',
        displayName: 'Grace Hopper',
        contactEmail: 'admiral@navy.example',
        status: 'suspended',
      });
      await createUser(ctx.store, {
        username: 'alan@example.org',
        displayName: 'Alan Turing',
        userType: 'device',
      });
      const search = (query: Partial<Parameters<Store['users']['search']>[0]>) =>
        ctx.store.users.search({ page: 1, pageSize: 10, ...query });

      expect((await search({ query: ada.id })).items.map((u) => u.username)).toEqual(['ada@example.org']);
      expect((await search({ query: 'GRACE' })).items.map((u) => u.username)).toEqual(['grace@example.org']);
      expect((await search({ query: 'navy' })).items.map((u) => u.username)).toEqual(['grace@example.org']);
      expect((await search({ query: 'turing' })).items.map((u) => u.username)).toEqual(['alan@example.org']);
      expect((await search({ query: '%' })).total).toBe(0);
      expect((await search({ query: '.*' })).total).toBe(0);
      expect((await search({ status: 'suspended' })).items.map((u) => u.username)).toEqual([
        'grace@example.org',
      ]);
      expect((await search({ userType: 'device' })).items.map((u) => u.username)).toEqual([
        'alan@example.org',
      ]);

      const firstPage = await search({ pageSize: 2, sort: 'username' });
      const secondPage = await search({ pageSize: 2, page: 2, sort: 'username' });
      expect(firstPage.total).toBe(3);
      expect(firstPage.items.map((u) => u.username)).toEqual(['ada@example.org', 'alan@example.org']);
      expect(secondPage.items.map((u) => u.username)).toEqual(['grace@example.org']);
      const byNameDesc = await search({ sort: 'displayName', descending: true });
      expect(byNameDesc.items.map((u) => u.displayName)).toEqual([
        'Grace Hopper',
        'Alan Turing',
        'Ada Lovelace',
      ]);
    });

    test('when users share a creation time, then sorting by it keeps creation order, reversed when descending', async () => {
      const names = ['carol@example.org', 'alice@example.org', 'bob@example.org'];
      for (const username of names) await createUser(ctx.store, { username });
      const byCreation = async (descending: boolean) =>
        (await ctx.store.users.search({ page: 1, pageSize: 10, sort: 'createdAt', descending })).items.map(
          (u) => u.username,
        );
      expect(await byCreation(false)).toEqual(names);
      expect(await byCreation(true)).toEqual([...names].reverse());
      const secondPage = await ctx.store.users.search({ page: 2, pageSize: 2, sort: 'createdAt' });
      expect(secondPage.items.map((u) => u.username)).toEqual(['bob@example.org']);
    });

    test('when a username changes to a free one, then the user is found by the new name only; unknown users change nothing', async () => {
      const ada = await createUser(ctx.store);
      const later = minutesAfter(T0, 5);
      const renamed = await ctx.store.users.updateProfile(
        ada.id,
        { username: 'ada.king@example.org' },
        later,
      );
      expect(renamed).toMatchObject({ ok: true, user: { id: ada.id, username: 'ada.king@example.org' } });
      expect((await ctx.store.users.findByUsername('ada.king@example.org'))!.id).toBe(ada.id);
      expect(await ctx.store.users.findByUsername('ada@example.org')).toBeNull();
      expect(await ctx.store.users.setStatus('missing', 'suspended', later)).toBeNull();
      expect(await ctx.store.users.count()).toBe(1);
    });

    test('when a profile is updated, then changes persist and a taken username is refused', async () => {
      const ada = await createUser(ctx.store);
      await createUser(ctx.store, { username: 'grace@example.org' });
      const later = minutesAfter(T0, 5);
      const updated = await ctx.store.users.updateProfile(
        ada.id,
        { displayName: 'Ada King', phone: '+447700900000', roles: ['helpdesk'], contactEmail: null },
        later,
      );
      expect(updated).toMatchObject({
        ok: true,
        user: { displayName: 'Ada King', phone: '+447700900000', roles: ['helpdesk'], contactEmail: null },
      });
      expect((await ctx.store.users.findById(ada.id))!.updatedAt).toEqual(later);
      expect(await ctx.store.users.updateProfile(ada.id, { username: 'grace@example.org' }, later)).toEqual({
        ok: false,
        error: 'username_taken',
      });
      expect((await ctx.store.users.findById(ada.id))!.username).toBe('ada@example.org');
      expect(await ctx.store.users.updateProfile('missing', { displayName: 'x' }, later)).toBeNull();
      expect((await ctx.store.users.setStatus(ada.id, 'suspended', later))!.status).toBe('suspended');
    });

    test('when a person chooses a language and time zone, then both persist until cleared; a new user has neither', async () => {
      const ada = await createUser(ctx.store);
      expect(ada).toMatchObject({ locale: null, timeZone: null });
      const later = minutesAfter(T0, 5);
      const chosen = await ctx.store.users.updateProfile(
        ada.id,
        { locale: 'ar', timeZone: 'Asia/Riyadh' },
        later,
      );
      expect(chosen).toMatchObject({ ok: true, user: { locale: 'ar', timeZone: 'Asia/Riyadh' } });
      expect(await ctx.store.users.findByUsername(ada.username)).toMatchObject({
        locale: 'ar',
        timeZone: 'Asia/Riyadh',
        displayName: ada.displayName,
      });
      await ctx.store.users.updateProfile(ada.id, { locale: null }, later);
      expect(await ctx.store.users.findById(ada.id)).toMatchObject({ locale: null, timeZone: 'Asia/Riyadh' });
    });

    test('when the password changes, then hash, history, flags, lockout and session version change together', async () => {
      const ada = await createUser(ctx.store, { passwordHash: 'h0' });
      await ctx.store.users.recordFailedSignIn(ada.id, 2, 60_000, T0);
      await ctx.store.users.recordFailedSignIn(ada.id, 2, 60_000, T0);
      const change = {
        historySize: 2,
        mustChangePassword: false,
        passwordExpiresAt: null,
        revokeSessions: true,
      };
      const first = await ctx.store.users.changePassword(ada.id, { ...change, hash: 'h1' }, T0);
      expect(first).toMatchObject({
        passwordHash: 'h1',
        passwordHistory: ['h0'],
        sessionVersion: 1,
        failedSignIns: 0,
        lockedUntil: null,
      });
      await ctx.store.users.changePassword(ada.id, { ...change, hash: 'h2' }, T0);
      const temporary = minutesAfter(T0, 72 * 60);
      const third = await ctx.store.users.changePassword(
        ada.id,
        {
          ...change,
          hash: 'h3',
          mustChangePassword: true,
          passwordExpiresAt: temporary,
          revokeSessions: false,
        },
        T0,
      );
      expect(third).toMatchObject({
        passwordHash: 'h3',
        passwordHistory: ['h2', 'h1'],
        mustChangePassword: true,
        passwordExpiresAt: temporary,
        sessionVersion: 2,
      });
      expect(await ctx.store.users.changePassword('missing', { ...change, hash: 'x' }, T0)).toBeNull();
    });

    test('when a rehash races a password change, then the rehash only lands on the hash it read', async () => {
      const ada = await createUser(ctx.store, { passwordHash: 'old-params' });
      expect(await ctx.store.users.replacePasswordHash(ada.id, 'old-params', 'new-params', T0)).toBe(true);
      expect(await ctx.store.users.replacePasswordHash(ada.id, 'old-params', 'other', T0)).toBe(false);
      const after = await ctx.store.users.findById(ada.id);
      expect(after).toMatchObject({ passwordHash: 'new-params', passwordHistory: [] });
    });

    test('when sign-ins fail concurrently, then every failure counts and the account locks at the threshold', async () => {
      const ada = await createUser(ctx.store);
      const other = await ctx.openAnother();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? other : ctx.store).users.recordFailedSignIn(ada.id, 10, 15 * 60_000, T0),
        ),
      );
      expect(results.map((r) => r!.failedSignIns).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      const locked = await ctx.store.users.findById(ada.id);
      expect(locked).toMatchObject({ failedSignIns: 12, lockedUntil: minutesAfter(T0, 15) });
      await ctx.store.users.recordSignIn(ada.id, minutesAfter(T0, 20));
      expect(await ctx.store.users.findById(ada.id)).toMatchObject({
        failedSignIns: 0,
        lockedUntil: null,
        lastSignInAt: minutesAfter(T0, 20),
      });
      expect(await ctx.store.users.recordFailedSignIn('missing', 10, 1, T0)).toBeNull();
    });

    test('when failures are cleared outside sign-in, then counter and lock reset and the last sign-in stays', async () => {
      const ada = await createUser(ctx.store);
      await ctx.store.users.recordSignIn(ada.id, T0);
      for (let i = 0; i < 3; i++) await ctx.store.users.recordFailedSignIn(ada.id, 3, 15 * 60_000, T0);
      expect(await ctx.store.users.findById(ada.id)).toMatchObject({
        failedSignIns: 3,
        lockedUntil: minutesAfter(T0, 15),
      });
      const later = minutesAfter(T0, 5);
      await ctx.store.users.clearFailedSignIns(ada.id, later);
      expect(await ctx.store.users.findById(ada.id)).toMatchObject({
        failedSignIns: 0,
        lockedUntil: null,
        lastSignInAt: T0,
        updatedAt: later,
      });
    });

    test('when the session version is bumped from two instances, then each bump counts', async () => {
      const ada = await createUser(ctx.store);
      const other = await ctx.openAnother();
      const versions = await Promise.all([
        ctx.store.users.bumpSessionVersion(ada.id, T0),
        other.users.bumpSessionVersion(ada.id, T0),
      ]);
      expect(versions.sort()).toEqual([1, 2]);
      expect((await other.users.findById(ada.id))!.sessionVersion).toBe(2);
      expect(await ctx.store.users.bumpSessionVersion('missing', T0)).toBeNull();
    });
  });
}
