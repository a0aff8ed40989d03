import { describeChainProblem } from '../../src/audit/verify-chain';
import type { AuditEvent, AuditEventInput } from '../../src/store';
import { chainAuditEvent, verifyAuditChain } from '../../src/store/audit-chain';

const INPUT: AuditEventInput = {
  at: new Date('2024-05-10T12:00:00Z'),
  actorId: null,
  ip: '203.0.113.7',
  userAgent: 'unit-test',
  action: 'reset.requested',
  targetId: 'user-1',
  outcome: 'ok',
  channel: 'email',
  details: {},
};

function buildChain(length: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < length; i++) events.push(chainAuditEvent(INPUT, events[i - 1] ?? null));
  return events;
}

async function* stream(events: AuditEvent[]) {
  yield* events;
}

async function describeFirstBreak(events: AuditEvent[]): Promise<string> {
  const check = await verifyAuditChain(stream(events));
  if (check.ok) throw new Error('the chain verified');
  return `event ${check.badSeq}: ${describeChainProblem(check)}`;
}

describe('audit chain verification', () => {
  test('when nothing was changed, then it verifies and counts the events', async () => {
    expect(await verifyAuditChain(stream(buildChain(4)))).toEqual({ ok: true, count: 4 });
  });

  test('when an event was edited, then it is named with a hash mismatch', async () => {
    const events = buildChain(4);
    events[2] = { ...events[2]!, outcome: 'nothing happened' };
    expect(await describeFirstBreak(events)).toBe(
      'event 3: hash mismatch (its content was changed after it was written)',
    );
  });

  test('when an edited event was re-hashed, then the next event is named with a broken link', async () => {
    const events = buildChain(4);
    events[1] = chainAuditEvent({ ...events[1]!, outcome: 'rewritten' }, events[0]!);
    expect(await describeFirstBreak(events)).toBe(
      'event 3: broken link (it does not point at event 2, which may have been altered)',
    );
  });

  test('when an event was deleted, then the gap is named', async () => {
    const events = buildChain(4);
    events.splice(1, 1);
    expect(await describeFirstBreak(events)).toBe(
      'event 3: gap (expected event 2 here; events are missing or out of order)',
    );
  });
});
