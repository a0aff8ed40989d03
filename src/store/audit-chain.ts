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

export type ChainCheck = { ok: true; count: number } | { ok: false; badSeq: number; reason: string };

export async function verifyAuditChain(events: AsyncIterable<AuditEvent>): Promise<ChainCheck> {
  let previous: AuditEvent | null = null;
  let count = 0;
  for await (const event of events) {
    const expected = chainAuditEvent(event, previous);
    if (event.seq !== expected.seq) {
      return { ok: false, badSeq: event.seq, reason: `expected sequence ${expected.seq}` };
    }
    if (event.prevHash !== expected.prevHash) {
      return { ok: false, badSeq: event.seq, reason: 'does not link to the previous event' };
    }
    if (event.hash !== expected.hash) {
      return { ok: false, badSeq: event.seq, reason: 'content does not match its hash' };
    }
    previous = event;
    count += 1;
  }
  return { ok: true, count };
}
