import { randomBytes } from 'node:crypto';
import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    formNonces: string[];
  }
}

/** Enough for several confirmation forms open in tabs at once; the oldest is forgotten first. */
const KEPT = 20;

/**
 * A one-time value for a form whose answer must never be produced twice (the page showing a new
 * password): a reload or Back resubmits the same value, which is then spent.
 */
export function issueFormNonce(req: Request): string {
  const nonce = randomBytes(16).toString('base64url');
  req.session.formNonces = [...(req.session.formNonces ?? []), nonce].slice(-KEPT);
  return nonce;
}

/** 'fresh' spends it; 'spent' for a value already used (or never issued); 'absent' when the form carried none. */
export function spendFormNonce(req: Request, nonce: string | null): 'fresh' | 'spent' | 'absent' {
  if (!nonce) return 'absent';
  const nonces = req.session.formNonces ?? [];
  if (!nonces.includes(nonce)) return 'spent';
  req.session.formNonces = nonces.filter((kept) => kept !== nonce);
  return 'fresh';
}
