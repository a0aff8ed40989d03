import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface TextSealer {
  /** `v1.<iv>.<tag>.<ciphertext>`, base64url; a fresh IV each time, so equal texts never look equal. */
  seal(text: string): string;
  /** Throws SealError when the string was altered, truncated or sealed with another key or purpose. */
  open(sealed: string): string;
}

export class SealError extends Error {
  override name = 'SealError';
}

/**
 * AES-256-GCM under a key derived (HKDF) from `secret` for one `purpose`, so the same secret never
 * keys two uses: text sealed for one purpose does not open under another.
 */
export function createTextSealer(secret: string, purpose: string): TextSealer {
  if (secret.length === 0) throw new Error('The sealing secret must not be empty');
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), purpose, 32));
  // The version is authenticated too, so a payload cannot be replayed under a future format.
  const aad = Buffer.from(VERSION);

  return {
    seal(text) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
      const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, ...[iv, tag, ciphertext].map((part) => part.toString('base64url'))].join('.');
    },

    open(sealed) {
      const [version, ivText, tagText, ciphertextText, ...rest] = sealed.split('.');
      if (version !== VERSION || rest.length > 0 || !ivText || !tagText || ciphertextText === undefined) {
        throw new SealError('unknown format');
      }
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealError('unknown format');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
          .setAAD(aad)
          .setAuthTag(tag);
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertextText, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new SealError('failed authentication');
      }
    },
  };
}
