import { z } from 'zod';
import type { OutboxMessage } from './outbox-message';
import { createTextSealer, SealError } from './text-sealer';

/** Binds the derived key to this one use, so OUTBOX_KEY material is never a key for anything else. */
const KEY_CONTEXT = 'resetdesk outbox payload v1';

export interface OutboxCipher {
  /** `v1.<iv>.<tag>.<ciphertext>`, base64url; a fresh IV each time, so equal messages never look equal. */
  seal(message: OutboxMessage): string;
  /** Throws OutboxCipherError when the string was altered, truncated or sealed with another key. */
  open(sealed: string): OutboxMessage;
}

export class OutboxCipherError extends Error {
  override name = 'OutboxCipherError';
}

const nullableId = z.string().nullable();
const messageSchema = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('email'),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    userId: nullableId,
    kind: z.string(),
  }),
  z.object({
    channel: z.literal('sms'),
    to: z.string(),
    body: z.string(),
    userId: nullableId,
    kind: z.string(),
  }),
  z.object({
    channel: z.literal('webhook'),
    to: z.string(),
    secret: z.string(),
    eventId: z.string(),
    body: z.string(),
    endpointKey: z.string(),
    userId: nullableId,
    kind: z.string(),
  }),
]);

function parseMessage(plaintext: string): OutboxMessage {
  let value: unknown;
  try {
    value = JSON.parse(plaintext);
  } catch {
    throw new OutboxCipherError('Outbox payload is not a message');
  }
  const parsed = messageSchema.safeParse(value);
  if (!parsed.success) throw new OutboxCipherError('Outbox payload is not a message');
  return parsed.data;
}

/** AES-256-GCM: the outbox holds reset links and codes, so rows must be unreadable and unforgeable at rest. */
export function createOutboxCipher(secret: string): OutboxCipher {
  if (secret.length === 0) throw new Error('The outbox key must not be empty');
  const sealer = createTextSealer(secret, KEY_CONTEXT);
  return {
    seal: (message) => sealer.seal(JSON.stringify(message)),
    open(sealed) {
      let plaintext: string;
      try {
        plaintext = sealer.open(sealed);
      } catch (err) {
        if (!(err instanceof SealError)) throw err;
        throw new OutboxCipherError(`Outbox payload: ${err.message}`);
      }
      return parseMessage(plaintext);
    },
  };
}
