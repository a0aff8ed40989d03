import { createOutboxCipher, OutboxCipherError } from '../../src/outbox/outbox-cipher';
import type { OutboxMessage } from '../../src/outbox/outbox-message';

const SECRET = 'test-outbox-key-0123456789abcdefghijklmn';

const email: OutboxMessage = {
  channel: 'email',
  to: 'ann@example.com',
  subject: 'Reset your ResetDesk password',
  text: 'Your code is 482913',
  html: '<p>Your code is <b>482913</b></p>',
  userId: 'user-1',
  kind: 'reset_link',
};

/** Flips one bit of the base64url part at `index` (0 = version, 1 = iv, 2 = tag, 3 = ciphertext). */
function flipBit(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('outbox cipher', () => {
  const cipher = createOutboxCipher(SECRET);

  it('when a message is sealed and opened, then the same message comes back', () => {
    const sms: OutboxMessage = {
      channel: 'sms',
      to: '+15551234567',
      body: 'Code 123456',
      userId: null,
      kind: 'temp_password',
    };

    expect(cipher.open(cipher.seal(email))).toEqual(email);
    expect(cipher.open(cipher.seal(sms))).toEqual(sms);
  });

  it('when one message is sealed twice, then the two sealed strings differ', () => {
    expect(cipher.seal(email)).not.toBe(cipher.seal(email));
  });

  it('when a message is sealed, then the result is a versioned string that reveals none of its content', () => {
    const sealed = cipher.seal(email);

    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    for (const value of [email.to, email.subject, '482913', 'reset_link', 'user-1']) {
      expect(sealed).not.toContain(value);
      expect(Buffer.from(sealed.split('.')[3]!, 'base64url').toString('latin1')).not.toContain(value);
    }
  });

  it.each([
    ['the IV', 1],
    ['the auth tag', 2],
    ['the ciphertext', 3],
  ])('when %s is altered, then open() throws', (_part, index) => {
    const sealed = cipher.seal(email);

    expect(() => cipher.open(flipBit(sealed, index))).toThrow(OutboxCipherError);
  });

  it('when the version, shape or key is wrong, then open() throws', () => {
    const sealed = cipher.seal(email);

    expect(() => cipher.open(sealed.replace(/^v1/, 'v2'))).toThrow(OutboxCipherError);
    expect(() => cipher.open(`${sealed}.extra`)).toThrow(OutboxCipherError);
    expect(() => cipher.open(sealed.split('.').slice(0, 3).join('.'))).toThrow(OutboxCipherError);
    expect(() => cipher.open('')).toThrow(OutboxCipherError);
    expect(() => createOutboxCipher(`${SECRET}-other`).open(sealed)).toThrow(OutboxCipherError);
  });
});
