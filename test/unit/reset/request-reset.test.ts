import { createRequestReset } from '../../../src/reset/request-reset';
import { hashLinkToken } from '../../../src/reset/secrets';
import { ADA, CONTEXT, createUnitWorld, secretsIn, type UnitWorld } from '../support/unit-world';

describe('request a reset (self-service)', () => {
  let world: UnitWorld;
  let requestReset: ReturnType<typeof createRequestReset>;
  beforeEach(() => {
    world = createUnitWorld({ RESET_MAILS_PER_ACCOUNT_HOUR: '2' });
    requestReset = createRequestReset({ ...world, appUrl: world.config.appUrl, reset: world.config.reset });
  });
  afterEach(() => world.close());

  const requested = async () => (await world.auditEvents({ action: 'reset.requested' }))[0]!;

  test('when an eligible account asks, then one mail with an APP_URL link and a code goes to its username, and only hashes are stored', async () => {
    const ada = await world.seedUser({ contactEmail: 'ada.home@example.net' });

    await requestReset('  ADA@example.org ', CONTEXT);

    expect(world.queued).toHaveLength(1);
    const { id, message, options } = world.queued[0]!;
    const { token, code } = secretsIn(message);
    expect(message).toMatchObject({
      channel: 'email',
      to: ADA,
      kind: 'reset_link',
      text: expect.stringContaining(`https://desk.example.org/reset?token=${token}`),
    });
    const request = await world.store.resetRequests.findOpenByTokenHash(hashLinkToken(token), world.now());
    expect(request).toMatchObject({ userId: ada.id, purpose: 'reset', requestedBy: null, outboxId: id });
    expect(world.secrets.codeMatches(code, request!)).toBe(true);
    expect(JSON.stringify(request)).not.toContain(code);
    expect(options.usefulUntil).toEqual(request!.expiresAt);
    expect(await requested()).toMatchObject({ targetId: ada.id, outcome: 'sent', details: { outboxId: id } });
  });

  test('when an unknown name asks, then a decoy is rehearsed instead of mail, under a stable stand-in id', async () => {
    await requestReset('nobody@example.org', CONTEXT);
    await requestReset('nobody@example.org', CONTEXT);

    expect(world.queued).toEqual([]);
    expect(world.rehearsed).toHaveLength(2);
    const events = await world.auditEvents({ action: 'reset.requested' });
    expect(events.map((event) => event.outcome)).toEqual(['unknown', 'unknown']);
    expect(events[0]!.targetId).toBe(world.secrets.decoyUserId('nobody@example.org'));
    expect(events[0]!.targetId).toBe(events[1]!.targetId);
  });

  test.each(['suspended', 'deleted'] as const)(
    'when a %s account asks, then no mail is queued',
    async (status) => {
      const ada = await world.seedUser({ status });
      await requestReset(ADA, CONTEXT);
      expect([world.queued.length, world.rehearsed.length]).toEqual([0, 1]);
      expect(await requested()).toMatchObject({ targetId: ada.id, outcome: 'ineligible' });
    },
  );

  test('when an account asks more often than allowed in an hour, then further requests send nothing until the hour passes', async () => {
    await world.seedUser();
    for (let ask = 0; ask < 3; ask++) await requestReset(ADA, CONTEXT);
    expect([world.queued.length, world.rehearsed.length]).toEqual([2, 1]);
    expect((await requested()).outcome).toBe('throttled');

    world.advance(61 * 60_000);
    await requestReset(ADA, CONTEXT);
    expect(world.queued).toHaveLength(3);
  });

  test('when a second request is made, then the first link stops working', async () => {
    await world.seedUser();
    await requestReset(ADA, CONTEXT);
    await requestReset(ADA, CONTEXT);
    const [first, second] = world.queued.map(({ message }) => hashLinkToken(secretsIn(message).token));
    expect(await world.store.resetRequests.findOpenByTokenHash(first!, world.now())).toBeNull();
    expect(await world.store.resetRequests.findOpenByTokenHash(second!, world.now())).not.toBeNull();
  });
});
