import { createMailQueue } from '../../src/outbox/mail-queue';
import type { OutboxMessage } from '../../src/outbox/outbox-message';
import { createOutboxCipher } from '../../src/outbox/outbox-cipher';
import type { Store } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';

const cipher = createOutboxCipher('test-outbox-key-0123456789abcdefghijklmn');
const now = new Date('2030-01-01T00:00:00Z');
const MAX_AGE_MS = 72 * 3600_000;
const hoursLater = (hours: number) => new Date(now.getTime() + hours * 3600_000);

function emailTo(to: string): OutboxMessage {
  return {
    channel: 'email',
    to,
    subject: 'Hi',
    text: 'code 654321',
    html: '<p>code 654321</p>',
    userId: 'u1',
    kind: 'reset_link',
  };
}

describe('mail queue', () => {
  let store: Store;

  beforeEach(() => {
    store = openSqliteStore(':memory:');
  });

  afterEach(async () => {
    await store.close();
  });

  it('when a message is queued, then the outbox holds it encrypted, due now, and nothing is sent yet', async () => {
    const queue = createMailQueue({ outbox: store.outbox, cipher, clock: () => now, maxAgeMs: MAX_AGE_MS });

    const id = await queue.queue(emailTo('ann@example.com'));

    const item = await store.outbox.findById(id);
    expect(item).toMatchObject({
      channel: 'email',
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      usefulUntil: hoursLater(72),
    });
    expect(item!.payload).not.toContain('654321');
    expect(item!.payload).not.toContain('ann@example.com');
    expect(cipher.open(item!.payload!)).toEqual(emailTo('ann@example.com'));
  });

  it.each([
    'ann@example.com, eve@example.com',
    'ann@example.com\r\nBcc: eve@example.com',
    'Ann <ann@example.com>',
    'not-an-address',
  ])('when the email recipient is %j, then queue() refuses and stores nothing', async (to) => {
    const queue = createMailQueue({ outbox: store.outbox, cipher, clock: () => now, maxAgeMs: MAX_AGE_MS });

    await expect(queue.queue(emailTo(to))).rejects.toThrow(/not a single valid address/);
    expect(await store.outbox.claimDue(now, 10, 1000)).toEqual([]);
  });

  it('when an SMS recipient is not an E.164 number, then queue() refuses it', async () => {
    const queue = createMailQueue({ outbox: store.outbox, cipher, clock: () => now, maxAgeMs: MAX_AGE_MS });
    const sms = (to: string): OutboxMessage => ({
      channel: 'sms',
      to,
      body: 'hi',
      userId: null,
      kind: 'temp_password',
    });

    await expect(queue.queue(sms('0551234567'))).rejects.toThrow(/not a single valid address/);
    await expect(queue.queue(sms('+966551234567'))).resolves.toEqual(expect.any(String));
  });

  it('when a message carries a link that expires sooner than the maximum age, then it is useful until the link expires', async () => {
    const queue = createMailQueue({ outbox: store.outbox, cipher, clock: () => now, maxAgeMs: MAX_AGE_MS });

    const reset = await queue.queue(emailTo('ann@example.com'), { usefulUntil: hoursLater(0.25) });
    const invite = await queue.queue(emailTo('bob@example.com'), { usefulUntil: hoursLater(720) });

    expect((await store.outbox.findById(reset))!.usefulUntil).toEqual(hoursLater(0.25));
    expect((await store.outbox.findById(invite))!.usefulUntil).toEqual(hoursLater(72));
  });
});
