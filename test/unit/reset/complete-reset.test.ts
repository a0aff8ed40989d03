import { createCompleteReset, type CompleteResetInput } from '../../../src/reset/complete-reset';
import { ADA, CONTEXT, createUnitWorld, NEW_PASSWORD, type UnitWorld } from '../support/unit-world';

describe('complete a reset', () => {
  let world: UnitWorld;
  let completeReset: ReturnType<typeof createCompleteReset>;
  beforeEach(() => {
    world = createUnitWorld({ RESET_FAILURES_PER_ACCOUNT_HOUR: '7' });
    completeReset = createCompleteReset({
      ...world,
      failuresPerAccountHour: world.config.reset.failuresPerAccountHour,
    });
  });
  afterEach(() => world.close());

  function submit(input: Partial<CompleteResetInput> & Pick<CompleteResetInput, 'code'>) {
    return completeReset(
      { tokenHash: null, username: '', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ...input },
      CONTEXT,
    );
  }

  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  describe('by link', () => {
    test('when the code is right and the password passes, then the password is replaced, the request consumed, every session ended', async () => {
      const ada = await world.seedUser();
      await world.signIn(ada);
      const { request, code, tokenHash } = await world.openRequest(ada);

      expect(await submit({ tokenHash, code })).toEqual({ ok: true, userType: 'employee' });

      expect((await world.reload(ada)).passwordHash).toBe(`plain:${NEW_PASSWORD}`);
      const [stored] = await world.store.resetRequests.listRecentForUser(ada.id, 1);
      expect([stored!.id, stored!.consumedAt, stored!.voidedAt]).toEqual([request.id, world.now(), null]);
      expect(await world.sessionIds(ada)).toEqual([]);
      const actions = (await world.auditEvents({ targetId: ada.id })).map((event) => event.action);
      expect(actions).toEqual(expect.arrayContaining(['reset.completed', 'sessions.revoked']));
      expect(await submit({ tokenHash, code })).toEqual({ ok: false, error: 'request_invalid' });
    });

    test('when codes are wrong, then attempts left count down and the last one kills the request', async () => {
      const ada = await world.seedUser();
      const { code, tokenHash } = await world.openRequest(ada);
      const answers = [];
      for (let attempt = 0; attempt < world.config.reset.codeAttempts; attempt++) {
        answers.push(await submit({ tokenHash, code: wrongCode(code) }));
      }
      expect(answers.map((answer) => (answer.ok ? 'ok' : answer.error))).toEqual([
        ...Array(world.config.reset.codeAttempts - 1).fill('code_incorrect'),
        'too_many_attempts',
      ]);
      expect(answers[0]).toMatchObject({ attemptsLeft: world.config.reset.codeAttempts - 1 });
      expect(await submit({ tokenHash, code })).toEqual({ ok: false, error: 'request_invalid' });
      expect((await world.reload(ada)).passwordHash).toBe(ada.passwordHash);
    });

    test('when wrong codes pile up across new requests, then the per-account cap stops every attempt', async () => {
      const ada = await world.seedUser();
      for (let round = 0; round < 2; round++) {
        const { code, tokenHash } = await world.openRequest(ada);
        for (let attempt = 0; attempt < 4; attempt++) await submit({ tokenHash, code: wrongCode(code) });
      }
      const { code, tokenHash } = await world.openRequest(ada);
      expect(await submit({ tokenHash, code })).toEqual({ ok: false, error: 'too_many_attempts' });
    });

    test('when the link expired or the account was suspended, then it is simply no longer valid', async () => {
      const ada = await world.seedUser();
      const { code, tokenHash } = await world.openRequest(ada);
      world.advance(world.config.reset.ttlMs);
      expect(await submit({ tokenHash, code })).toEqual({ ok: false, error: 'request_invalid' });

      world.advance(-world.config.reset.ttlMs);
      await world.store.users.setStatus(ada.id, 'suspended', world.now());
      expect(await submit({ tokenHash, code })).toEqual({ ok: false, error: 'request_invalid' });
    });

    test('when the password breaks a rule, then the failures come back and the request stays open', async () => {
      const ada = await world.seedUser();
      const { code, tokenHash } = await world.openRequest(ada);
      const result = await submit({ tokenHash, code, password: 'short', confirmPassword: 'short' });
      expect(result).toMatchObject({ ok: false, error: 'password_rejected' });
      expect(await world.store.resetRequests.findOpenByTokenHash(tokenHash, world.now())).not.toBeNull();
    });

    test('when an invitation is completed, then the pending account becomes active', async () => {
      const invited = await world.seedUser({ status: 'pending', password: null });
      const { code, tokenHash } = await world.openRequest(invited, 'invite');
      expect((await submit({ tokenHash, code })).ok).toBe(true);
      expect((await world.reload(invited)).status).toBe('active');
    });

    test('when two submits race, then exactly one changes the password', async () => {
      const ada = await world.seedUser();
      const { code, tokenHash } = await world.openRequest(ada);
      const results = await Promise.all([submit({ tokenHash, code }), submit({ tokenHash, code })]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(await world.auditEvents({ action: 'reset.completed' })).toHaveLength(1);
    });
  });

  describe('by username and code', () => {
    test('when the code is right, then the reset completes', async () => {
      const { code } = await world.openRequest(await world.seedUser());
      expect(await submit({ username: ' Ada@Example.org ', code })).toEqual({
        ok: true,
        userType: 'employee',
      });
    });

    test('when the name is unknown, the account suspended or the code wrong, then the answer is the same', async () => {
      const ada = await world.seedUser();
      const { code } = await world.openRequest(ada);
      const unknown = await submit({ username: 'nobody@example.org', code });
      const wrong = await submit({ username: ADA, code: wrongCode(code) });
      await world.store.users.setStatus(ada.id, 'suspended', world.now());
      const suspended = await submit({ username: ADA, code });
      expect([unknown, wrong, suspended]).toEqual(Array(3).fill({ ok: false, error: 'code_not_accepted' }));
      const outcomes = (await world.auditEvents({ action: 'reset.code_failed' })).map(
        (event) => event.outcome,
      );
      expect(outcomes.sort()).toEqual(['code_incorrect', 'ineligible', 'unknown']);
    });
  });
});
