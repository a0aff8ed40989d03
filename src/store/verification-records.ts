import { newId } from './ids';
import type { CallerVerification, NewCodeVerification, NewInPersonVerification } from './verifications';

/** Both adapters store exactly these records, so they cannot drift apart on defaults. */
export function buildCodeVerification(input: NewCodeVerification, now: Date): CallerVerification {
  return {
    id: newId(),
    targetId: input.targetId,
    agentId: input.agentId,
    channel: input.channel,
    codeHash: input.codeHash,
    note: null,
    ticketRef: input.ticketRef,
    outboxId: input.outboxId,
    createdAt: now,
    codeExpiresAt: input.codeExpiresAt,
    failedAttempts: 0,
    maxAttempts: input.maxAttempts,
    verifiedAt: null,
    validUntil: null,
    spentAt: null,
    voidedAt: null,
  };
}

export function buildInPersonVerification(input: NewInPersonVerification, now: Date): CallerVerification {
  return {
    id: newId(),
    targetId: input.targetId,
    agentId: input.agentId,
    channel: 'in_person',
    codeHash: null,
    note: input.note,
    ticketRef: input.ticketRef,
    outboxId: null,
    createdAt: now,
    codeExpiresAt: null,
    failedAttempts: 0,
    maxAttempts: 0,
    verifiedAt: now,
    validUntil: input.validUntil,
    spentAt: null,
    voidedAt: null,
  };
}
