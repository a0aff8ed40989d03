import { SealError } from '../../../src/outbox/text-sealer';
import { createIntentSealer } from '../../../src/reset/intent-sealer';
import { createRequestReset } from '../../../src/reset/request-reset';
import { createResetIssuer } from '../../../src/reset/reset-issuer';
import { createResolveResetIntent } from '../../../src/reset/resolve-reset-intent';
import { hashLinkToken } from '../../../src/reset/secrets';
import { createWakeSignal } from '../../../src/wake-signal';
import { ADA, CONTEXT, createUnitWorld, secretsIn, type UnitWorld } from '../support/unit-world';

describe('request a reset (self-service): the intent, then its resolution', () => {
  let world: UnitWorld;
  let requestReset: ReturnType<typeof createRequestReset>;
  let resolve: ReturnType<typeof createResolveResetIntent>;
  let rings: number;

  beforeEach(() => {
    world = createUnitWorld({ RESET_MAILS_PER_ACCOUNT_HOUR: '2' });
    const sealer = createIntentSealer(world.config.outboxKey);
    const intentAdded = createWakeSignal();
    rings = 0;
    intentAdded.listen(() => rings++);
    requestReset = createRequestReset({ store: world.store, sealer, clock: world.clock, intentAdded });
    const { config } = world;
    const issuer = createResetIssuer({ ...world, appUrl: config.appUrl, reset: config.reset });
    resolve = createResolveResetIntent({ ...world, sealer, issuer, reset: config.reset });
  });
  afterEach(() => world.close());

  /** What the worker does: claim, resolve, delete. */
  async function resolvePending(): Promise<string[]> {
    const outcomes: string[] = [];
    for (const intent of await world.store.resetIntents.claim(world.now(), 50, 60_000)) {
      outcomes.push(await resolve(intent));
      await world.store.resetIntents.remove(intent.id);
    }
    return outcomes;
  }

  async function ask(username: string): Promise<string[]> {
    await requestReset(username, CONTEXT);
    return resolvePending();
  }

  const requested = async () => (await world.auditEvents({ action: 'reset.requested' }))[0]!;

  test('when anyone asks, then the request path stores one sealed intent, rings its worker and decides nothing', async () => {
    await world.seedUser();

    await requestReset('  ADA@example.org ', CONTEXT);

    expect(await world.store.resetIntents.count()).toBe(1);
    const [intent] = await world.store.resetIntents.claim(world.now(), 10, 60_000);
    expect(intent).toMatchObject({ ip: CONTEXT.ip, userAgent: CONTEXT.userAgent, attempts: 1 });
    expect(intent!.sealedUsername).not.toContain('ada');
    expect(createIntentSealer(world.config.outboxKey).open(intent!.sealedUsername)).toBe(ADA);
    expect(rings).toBe(1);
    expect(world.queued).toEqual([]);
    expect(await world.auditEvents({ action: 'reset.requested' })).toEqual([]);
    expect(await world.store.rateLimits.count(`reset-mail:${ADA}`, world.now())).toBe(0);
  });

  test('when an eligible account asks, then one mail with an APP_URL link and a code goes to its username, and only hashes are stored', async () => {
    const ada = await world.seedUser({ contactEmail: 'ada.home@example.net' });

    expect(await ask('  ADA@example.org ')).toEqual(['sent']);

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
    expect(request).toMatchObject({
      userId: ada.id,
      purpose: 'reset',
      requestedBy: null,
      outboxId: id,
      ip: CONTEXT.ip,
      userAgent: CONTEXT.userAgent,
    });
    expect(world.secrets.codeMatches(code, request!)).toBe(true);
    expect(JSON.stringify(request)).not.toContain(code);
    expect(options.usefulUntil).toEqual(request!.expiresAt);
    expect(await requested()).toMatchObject({
      targetId: ada.id,
      outcome: 'sent',
      details: { outboxId: id },
      ip: CONTEXT.ip,
    });
    expect(await world.store.resetIntents.count()).toBe(0);
  });

  test('when an unknown name asks, then only an audit event is left, under a stable stand-in id', async () => {
    await ask('nobody@example.org');
    await ask('nobody@example.org');

    expect(world.queued).toEqual([]);
    const events = await world.auditEvents({ action: 'reset.requested' });
    expect(events.map((event) => event.outcome)).toEqual(['unknown', 'unknown']);
    expect(events[0]!.targetId).toBe(world.secrets.standInUserId('nobody@example.org'));
    expect(events[0]!.targetId).toBe(events[1]!.targetId);
    expect(events[0]!.details).toEqual({});
    const standIn = world.secrets.standInUserId('nobody@example.org');
    expect(await world.store.resetRequests.listRecentForUser(standIn, 10)).toEqual([]);
    expect(await world.store.rateLimits.count('reset-mail:nobody@example.org', world.now())).toBe(0);
    expect(await world.store.resetIntents.count()).toBe(0);
  });

  test.each(['suspended', 'deleted'] as const)(
    'when a %s account asks, then no mail is queued and no request stored',
    async (status) => {
      const ada = await world.seedUser({ status });
      expect(await ask(ADA)).toEqual(['ineligible']);
      expect(world.queued).toEqual([]);
      expect(await world.store.resetRequests.listRecentForUser(ada.id, 10)).toEqual([]);
      expect(await requested()).toMatchObject({ targetId: ada.id, outcome: 'ineligible' });
    },
  );

  test('when an account asks more often than allowed in an hour, then further requests send nothing until the hour passes', async () => {
    await world.seedUser();
    for (let ask = 0; ask < 3; ask++) await requestReset(ADA, CONTEXT);
    expect(await resolvePending()).toEqual(['sent', 'sent', 'throttled']);
    expect(world.queued).toHaveLength(2);
    expect((await requested()).outcome).toBe('throttled');

    world.advance(61 * 60_000);
    expect(await ask(ADA)).toEqual(['sent']);
    expect(world.queued).toHaveLength(3);
  });

  test('when a second request is made, then the first link stops working', async () => {
    await world.seedUser();
    await ask(ADA);
    await ask(ADA);
    const [first, second] = world.queued.map(({ message }) => hashLinkToken(secretsIn(message).token));
    expect(await world.store.resetRequests.findOpenByTokenHash(first!, world.now())).toBeNull();
    expect(await world.store.resetRequests.findOpenByTokenHash(second!, world.now())).not.toBeNull();
  });

  test('when an intent was sealed under another key, then resolving it fails and changes nothing', async () => {
    await world.seedUser();
    const other = createIntentSealer(`${world.config.outboxKey}-other`);
    await world.store.resetIntents.add({ sealedUsername: other.seal(ADA), ...CONTEXT }, world.now());
    const [intent] = await world.store.resetIntents.claim(world.now(), 10, 60_000);
    await expect(resolve(intent!)).rejects.toThrow(SealError);
    expect(world.queued).toEqual([]);
    expect(await world.auditEvents({ action: 'reset.requested' })).toEqual([]);
  });
});
