import { hashLinkToken } from '../../../src/reset/secrets';
import { createSecureAccount } from '../../../src/secure-account/secure-account';
import {
  createSecureAccountLinks,
  SECURE_ACCOUNT_LINK_TTL_MS,
} from '../../../src/secure-account/secure-account-links';
import type { NewSecurityAlert, User } from '../../../src/store';
import { CONTEXT, createUnitWorld, type UnitWorld } from '../support/unit-world';

const APP_URL = 'https://desk.example.org';

describe('secure account ("this wasn\'t me")', () => {
  let world: UnitWorld;
  let alerts: NewSecurityAlert[];
  let secureAccount: ReturnType<typeof createSecureAccount>;
  let issueLink: ReturnType<typeof createSecureAccountLinks>;
  beforeEach(() => {
    world = createUnitWorld();
    alerts = [];
    const raiseAlert = async (alert: NewSecurityAlert) => {
      alerts.push(alert);
    };
    secureAccount = createSecureAccount({ ...world, raiseAlert });
    issueLink = createSecureAccountLinks({ store: world.store, clock: world.clock, appUrl: APP_URL });
  });
  afterEach(() => world.close());

  async function tokenHashFor(user: User): Promise<string> {
    const { link } = await issueLink(user.id, 'password_changed');
    return hashLinkToken(new URL(link).searchParams.get('token')!);
  }

  test('when a link is issued, then it is APP_URL/secure-account with a 43-character token, stored only hashed, for 7 days', async () => {
    const ada = await world.seedUser();
    const { link, expiresAt } = await issueLink(ada.id, 'verification');

    expect(link).toMatch(/^https:\/\/desk\.example\.org\/secure-account\?token=[\w-]{43}$/);
    expect(expiresAt).toEqual(new Date(world.now().getTime() + SECURE_ACCOUNT_LINK_TTL_MS));
    const token = new URL(link).searchParams.get('token')!;
    const stored = await world.store.secureAccountTokens.findUsable(hashLinkToken(token), world.now());
    expect(stored).toMatchObject({ userId: ada.id, reason: 'verification', tokenHash: hashLinkToken(token) });
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  test('when the owner confirms, then the account is suspended and signed out, and the result says nothing about it', async () => {
    const ada = await world.seedUser();
    await world.signIn(ada);
    const tokenHash = await tokenHashFor(ada);

    expect(await secureAccount.isUsable(tokenHash)).toBe(true);
    expect(await secureAccount.secureAccount(tokenHash, CONTEXT)).toEqual({ ok: true });

    const after = await world.reload(ada);
    expect(after.status).toBe('suspended');
    expect(after.sessionVersion).toBe(ada.sessionVersion + 1);
    expect(await world.sessionIds(ada)).toEqual([]);
    expect(alerts).toEqual([
      expect.objectContaining({ kind: 'account_secured_by_user', targetId: ada.id, actorId: null }),
    ]);
    expect(await secureAccount.isUsable(tokenHash)).toBe(false);
  });

  test('when the account was deleted, then the link is invalid and is not spent', async () => {
    const ada = await world.seedUser();
    const tokenHash = await tokenHashFor(ada);
    await world.store.users.setStatus(ada.id, 'deleted', world.now());

    expect(await secureAccount.isUsable(tokenHash)).toBe(false);
    expect(await secureAccount.secureAccount(tokenHash, CONTEXT)).toEqual({
      ok: false,
      error: 'link_invalid',
    });
    expect((await world.reload(ada)).status).toBe('deleted');
    expect(await world.store.secureAccountTokens.findUsable(tokenHash, world.now())).not.toBeNull();
    expect(alerts).toEqual([]);
  });

  test('when there is no link in the session, then it is invalid and nothing is looked up or written', async () => {
    expect(await secureAccount.isUsable(null)).toBe(false);
    expect(await secureAccount.secureAccount(null, CONTEXT)).toEqual({ ok: false, error: 'link_invalid' });
    expect(await world.auditEvents()).toEqual([]);
  });
});
