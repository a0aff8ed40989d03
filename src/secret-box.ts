import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM over text: `v1.<iv>.<tag>.<ciphertext>`, base64url, a fresh IV each time. */
export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws SecretBoxError when the string was altered, truncated or sealed with another key or use. */
  open(sealed: string): string;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/**
 * A box for one use of a configured secret: `use` goes into the key derivation, so the same secret
 * (e.g. OUTBOX_KEY) yields an unrelated key for each thing it seals and one can never open another's.
 */
export function createSecretBox(secret: string, use: string): SecretBox {
  if (secret.length === 0) throw new Error(`The key for ${use} must not be empty`);
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), use, 32));
  // The version is authenticated too, so a sealed value cannot be replayed under a future format.
  const aad = Buffer.from(VERSION);

  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, ...[iv, tag, ciphertext].map((part) => part.toString('base64url'))].join('.');
    },

    open(sealed) {
      const [version, ivText, tagText, ciphertextText, ...rest] = sealed.split('.');
      if (version !== VERSION || rest.length > 0 || !ivText || !tagText || ciphertextText === undefined) {
        throw new SecretBoxError(`Sealed ${use} has an unknown format`);
      }
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new SecretBoxError(`Sealed ${use} has an unknown format`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
          .setAAD(aad)
          .setAuthTag(tag);
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertextText, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new SecretBoxError(`Sealed ${use} failed authentication`);
      }
    },
  };
}
