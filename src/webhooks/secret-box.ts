import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A separate key from the same OUTBOX_KEY material: a webhook secret is never sealed under the payload key. */
const KEY_CONTEXT = 'resetdesk webhook secret v1';

export interface SecretBox {
  seal(secret: string): string;
  open(sealed: string): string;
}

/** Signing secrets of console endpoints, AES-256-GCM at rest: they must be kept to sign, so cannot be hashed. */
export function createSecretBox(outboxKey: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', outboxKey, Buffer.alloc(0), KEY_CONTEXT, 32));
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url')).join('.');
    },
    open(sealed) {
      const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', key, iv!).setAuthTag(tag!);
      return Buffer.concat([decipher.update(data!), decipher.final()]).toString('utf8');
    },
  };
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
