import { createHash } from 'node:crypto';
import type { AuditEvent, AuditEventInput } from './audit';

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical bytes: fixed field order and sorted detail keys, so both adapters hash identically. */
function canonicalize(event: AuditEventInput & { seq: number; prevHash: string }): string {
  const details = Object.keys(event.details)
    .sort()
    .map((key) => [key, event.details[key]]);
  return JSON.stringify([
    event.seq,
    event.prevHash,
    event.at.toISOString(),
    event.actorId,
    event.ip,
    event.userAgent,
    event.action,
    event.targetId,
    event.outcome,
    event.channel,
    details,
  ]);
}

export function chainAuditEvent(
  event: AuditEventInput,
  previous: Pick<AuditEvent, 'seq' | 'hash'> | null,
): AuditEvent {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : GENESIS_HASH;
  const hash = createHash('sha256')
    .update(canonicalize({ ...event, seq, prevHash }))
    .digest('hex');
  return { ...event, seq, prevHash, hash };
}

/**
 * The first way an event fails: `gap` (its seq is not the next one: events missing or out of order),
 * `broken_link` (its prevHash is not the previous event's hash), `hash_mismatch` (its content changed).
 */
export type ChainProblem = 'gap' | 'broken_link' | 'hash_mismatch';

export type ChainCheck =
  { ok: true; count: number } | { ok: false; badSeq: number; expectedSeq: number; problem: ChainProblem };

function findProblem(event: AuditEvent, expected: AuditEvent): ChainProblem | null {
  if (event.seq !== expected.seq) return 'gap';
  if (event.prevHash !== expected.prevHash) return 'broken_link';
  if (event.hash !== expected.hash) return 'hash_mismatch';
  return null;
}

export async function verifyAuditChain(events: AsyncIterable<AuditEvent>): Promise<ChainCheck> {
  let previous: AuditEvent | null = null;
  let count = 0;
  for await (const event of events) {
    const expected = chainAuditEvent(event, previous);
    const problem = findProblem(event, expected);
    if (problem) return { ok: false, badSeq: event.seq, expectedSeq: expected.seq, problem };
    previous = event;
    count += 1;
  }
  return { ok: true, count };
}
