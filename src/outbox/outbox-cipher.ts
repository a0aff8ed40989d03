import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { OutboxMessage } from './outbox-message';

const VERSION = 'v1';
/** Binds the derived key to this one use, so OUTBOX_KEY material is never a key for anything else. */
const KEY_CONTEXT = 'resetdesk outbox payload v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

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

function deriveKey(secret: string): Buffer {
  if (secret.length === 0) throw new Error('The outbox key must not be empty');
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), KEY_CONTEXT, 32));
}

/** AES-256-GCM: the outbox holds reset links and codes, so rows must be unreadable and unforgeable at rest. */
export function createOutboxCipher(secret: string): OutboxCipher {
  const key = deriveKey(secret);
  // The version is authenticated too, so a payload cannot be replayed under a future format.
  const aad = Buffer.from(VERSION);

  return {
    seal(message) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(message), 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, ...[iv, tag, ciphertext].map((part) => part.toString('base64url'))].join('.');
    },

    open(sealed) {
      const [version, ivText, tagText, ciphertextText, ...rest] = sealed.split('.');
      if (version !== VERSION || rest.length > 0 || !ivText || !tagText || ciphertextText === undefined) {
        throw new OutboxCipherError('Outbox payload has an unknown format');
      }
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new OutboxCipherError('Outbox payload has an unknown format');
      }
      let plaintext: string;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
          .setAAD(aad)
          .setAuthTag(tag);
        plaintext = Buffer.concat([
          decipher.update(Buffer.from(ciphertextText, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new OutboxCipherError('Outbox payload failed authentication');
      }
      return parseMessage(plaintext);
    },
  };
}
