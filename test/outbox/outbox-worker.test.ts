import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createAuditLog } from '../../src/audit/audit-log';
import { createMailQueue } from '../../src/outbox/mail-queue';
import type { OutboxMessage } from '../../src/outbox/outbox-message';
import { createOutboxCipher, type OutboxCipher } from '../../src/outbox/outbox-cipher';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerDeps } from '../../src/outbox/outbox-worker';
import { createDevMailbox } from '../../src/mail/dev-mailbox';
import { createSmtpTransport } from '../../src/mail/smtp-transport';
import type { Transport } from '../../src/outbox/delivery';
import type { AuditEvent, OutboxRepository, Store } from '../../src/store';
import { openSqliteStore } from '../../src/store/sqlite';
import { HOUR, MINUTE } from '../../src/time';
import { LogCapture } from '../web/harness';
import { freePort } from '../support/server-process';
import { SmtpSink, type SmtpSinkOptions } from '../support/smtp-sink';

const OUTBOX_KEY = 'test-outbox-key-0123456789abcdefghijklmn';
const FROM = 'ResetDesk <no-reply@resetdesk.test>';
const SECRET_CODE = '739251';
const SECRET_TOKEN = 'tok3n-Zq9xv1mP4sLr8eWc2yHn6bJd0fGa5kTu';
const RETRY_BASE_MS = 1000;
const MAX_AGE_MS = 72 * HOUR;
const MESSAGE_ID_DOMAIN = 'resetdesk.test';

function resetMail(to = 'ann@example.com', subject = 'Reset your ResetDesk password'): OutboxMessage {
  return {
    channel: 'email',
    to,
    subject,
    text: `Open http://localhost:3000/reset?token=${SECRET_TOKEN}\n\n${SECRET_CODE}\n`,
    html: `<p><a href="http://localhost:3000/reset?token=${SECRET_TOKEN}">Reset</a></p><h1>${SECRET_CODE}</h1>`,
    userId: 'user-ann',
    kind: 'reset_link',
  };
}

/** A notice, invitation or temporary password: no link that expires before OUTBOX_MAX_AGE_HOURS. */
function notice(to: string, kind: string): OutboxMessage {
  return {
    channel: 'email',
    to,
    subject: `${kind} for ${to}`,
    text: 'Your password was changed.',
    html: '<p>Your password was changed.</p>',
    userId: `user-${to}`,
    kind,
  };
}

function later(start: Date, ms: number): Date {
  return new Date(start.getTime() + ms);
}

/** A store, a fake clock, a real audit log and a log capture: everything a worker needs but its transports. */
function createRig(store: Store) {
  const workers: OutboxWorker[] = [];
  const rig = {
    store,
    now: new Date('2030-01-01T00:00:00Z'),
    clock: () => rig.now,
    logs: new LogCapture(),
    cipher: createOutboxCipher(OUTBOX_KEY) as OutboxCipher,
    advanceTo(at: Date) {
      rig.now = new Date(at.getTime());
    },
    queue(maxAgeMs = MAX_AGE_MS) {
      return createMailQueue({ outbox: store.outbox, cipher: rig.cipher, clock: rig.clock, maxAgeMs });
    },
    worker(transports: { email: Transport; sms?: Transport }, overrides: Partial<OutboxWorkerDeps> = {}) {
      const worker = createOutboxWorker({
        outbox: store.outbox,
        cipher: rig.cipher,
        transports: { email: transports.email, sms: transports.sms ?? createDevMailbox() },
        clock: rig.clock,
        logger: pino({ level: 'info' }, rig.logs),
        audit: createAuditLog(store.audit, rig.clock),
        retryBaseMs: RETRY_BASE_MS,
        pollMs: 50,
        messageIdDomain: MESSAGE_ID_DOMAIN,
        random: () => 0.5,
        ...overrides,
      });
      workers.push(worker);
      return worker;
    },
    /** Pooled SMTP connections stay open until their worker stops; a sink waits for them to close. */
    async stopWorkers() {
      await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    },
    async auditEvents(action?: string): Promise<AuditEvent[]> {
      return (await store.audit.list(action ? { action } : {}, 1, 1000)).items.reverse();
    },
  };
  return rig;
}

/** No log line and no audit event may carry the message's secrets or body (SECURITY 27). */
async function expectNoSecretsRecorded(rig: ReturnType<typeof createRig>): Promise<void> {
  const recorded = JSON.stringify(await rig.auditEvents()) + rig.logs.lines.join('');
  expect(recorded).not.toContain(SECRET_CODE);
  expect(recorded).not.toContain(SECRET_TOKEN);
  expect(recorded).not.toContain('Open http');
}

describe('outbox worker with SMTP and SQLite', () => {
  let store: Store;
  let rig: ReturnType<typeof createRig>;
  const sinks: SmtpSink[] = [];

  async function startSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
    const sink = await new SmtpSink(options).start();
    sinks.push(sink);
    return sink;
  }

  beforeEach(() => {
    store = openSqliteStore(':memory:');
    rig = createRig(store);
  });

  afterEach(async () => {
    await rig.stopWorkers();
    await Promise.all(sinks.splice(0).map((sink) => sink.stop()));
    await store.close();
  });

  it('when a queued email is drained, then the SMTP server gets both parts and the row is sent with no payload', async () => {
    const sink = await startSink();
    const id = await rig.queue().queue(resetMail());
    const worker = rig.worker({ email: createSmtpTransport(sink.url, FROM) });

    expect(await worker.drain()).toBe(1);

    expect(sink.messages).toHaveLength(1);
    const [received] = sink.messages;
    expect(received!.subject).toBe('Reset your ResetDesk password');
    expect(received!.to).toMatchObject({ value: [{ address: 'ann@example.com' }] });
    expect(received!.from).toMatchObject({
      value: [{ address: 'no-reply@resetdesk.test', name: 'ResetDesk' }],
    });
    expect(received!.text).toContain(SECRET_CODE);
    expect(received!.html).toContain(`<h1>${SECRET_CODE}</h1>`);
    expect(received!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(received!.messageId).toBe(`<${id}@${MESSAGE_ID_DOMAIN}>`);
    expect(await store.outbox.findById(id)).toMatchObject({
      status: 'sent',
      payload: null,
      attempts: 1,
      sentAt: rig.now,
      lastError: null,
    });
    const [sent] = await rig.auditEvents('mail.sent');
    expect(sent).toMatchObject({
      actorId: null,
      targetId: 'user-ann',
      outcome: 'sent',
      channel: 'email',
      ip: 'worker',
      userAgent: 'outbox-worker',
      details: { outboxId: id, kind: 'reset_link' },
    });
    expect(await worker.drain()).toBe(0);
    expect(sink.messages).toHaveLength(1);
    await expectNoSecretsRecorded(rig);
  });

  it('when the SMTP server is down for three attempts and then up, then a later drain delivers the mail once', async () => {
    const port = await freePort();
    const id = await rig.queue().queue(resetMail());
    const worker = rig.worker({ email: createSmtpTransport(`smtp://127.0.0.1:${port}`, FROM) });

    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await worker.drain()).toBe(0);
      const item = (await store.outbox.findById(id))!;
      const backoff = RETRY_BASE_MS * 2 ** (attempt - 1) * 1.1; // random() = 0.5 → 10 % jitter
      expect(item).toMatchObject({ status: 'queued', attempts: attempt, leaseUntil: null });
      expect(item.lastError).toMatch(/^ESOCKET ECONNREFUSED: could not connect$/);
      expect(item.nextAttemptAt.getTime() - rig.now.getTime()).toBe(backoff);
      expect(rig.cipher.open(item.payload!)).toEqual(resetMail());

      // Not due yet: a drain now neither sends nor spends an attempt.
      expect(await worker.drain()).toBe(0);
      expect((await store.outbox.findById(id))!.attempts).toBe(attempt);
      rig.advanceTo(item.nextAttemptAt);
    }

    const sink = await startSink({ port });
    expect(await worker.drain()).toBe(1);

    expect(sink.messages).toHaveLength(1);
    expect(await store.outbox.findById(id)).toMatchObject({ status: 'sent', attempts: 4, payload: null });
    const retries = await rig.auditEvents('mail.retry');
    expect(retries.map((event) => event.details.attempt)).toEqual([1, 2, 3]);
    expect(retries[0]).toMatchObject({
      outcome: 'retry',
      targetId: 'user-ann',
      details: { outboxId: id, kind: 'reset_link', reason: 'ESOCKET ECONNREFUSED: could not connect' },
    });
    expect(await rig.auditEvents('mail.sent')).toHaveLength(1);
    expect(await rig.auditEvents('mail.failed')).toHaveLength(0);
    await expectNoSecretsRecorded(rig);
  });

  it('when the recipient is rejected with 550, then the mail fails for good at once, audited and purged', async () => {
    const sink = await startSink({ rejectRecipients: ['gone@example.com'] });
    const id = await rig.queue().queue(resetMail('gone@example.com'));
    const worker = rig.worker({ email: createSmtpTransport(sink.url, FROM) });

    expect(await worker.drain()).toBe(0);

    expect(sink.messages).toHaveLength(0);
    expect(await store.outbox.findById(id)).toMatchObject({
      status: 'failed',
      payload: null,
      attempts: 1,
      lastError: 'EENVELOPE 550: sender or recipient rejected',
    });
    const [failed] = await rig.auditEvents('mail.failed');
    expect(failed).toMatchObject({
      outcome: 'failed',
      targetId: 'user-ann',
      channel: 'email',
      details: {
        outboxId: id,
        kind: 'reset_link',
        attempt: 1,
        reason: 'EENVELOPE 550: sender or recipient rejected',
      },
    });
    rig.advanceTo(new Date(rig.now.getTime() + 24 * 3600_000));
    expect(await worker.drain()).toBe(0);
    expect((await store.outbox.findById(id))!.attempts).toBe(1);
    await expectNoSecretsRecorded(rig);
  });

  it('when SMTP is down for six hours, then every message still useful is delivered exactly once after recovery', async () => {
    const port = await freePort();
    const queue = rig.queue();
    const outageStart = rig.now;
    const useful = [
      await queue.queue(notice('kim@example.com', 'invite'), { usefulUntil: later(outageStart, 72 * HOUR) }),
      await queue.queue(notice('ann@example.com', 'temp_password')),
      await queue.queue(notice('bob@example.com', 'password_changed')),
    ];
    const staleReset = await queue.queue(resetMail('cy@example.com', 'Early reset'), {
      usefulUntil: later(outageStart, 15 * MINUTE),
    });
    const worker = rig.worker({ email: createSmtpTransport(`smtp://127.0.0.1:${port}`, FROM) });

    for (let minute = 0; minute < 6 * 60; minute++) {
      if (minute === 6 * 60 - 2) {
        const usefulUntil = later(rig.now, 15 * MINUTE);
        useful.push(await queue.queue(resetMail('dee@example.com', 'Late reset'), { usefulUntil }));
      }
      expect(await worker.drain()).toBe(0);
      rig.advanceTo(later(rig.now, MINUTE));
    }

    const waiting = (await store.outbox.findById(useful[2]!))!;
    expect(waiting).toMatchObject({ status: 'queued', lastError: 'ESOCKET ECONNREFUSED: could not connect' });
    // Backoff stops growing at 10 minutes: at least 6 tries an hour once it is reached.
    expect(waiting.attempts).toBeGreaterThanOrEqual(6 * 6);
    expect(waiting.nextAttemptAt.getTime() - rig.now.getTime()).toBeLessThanOrEqual(10 * MINUTE);
    expect(await store.outbox.findById(staleReset)).toMatchObject({ status: 'expired', payload: null });

    const sink = await startSink({ port });
    rig.advanceTo(later(rig.now, 10 * MINUTE));
    expect(await worker.drain()).toBe(4);
    rig.advanceTo(later(rig.now, 24 * HOUR));
    expect(await worker.drain()).toBe(0);

    expect(sink.messages.map((message) => message.subject).sort()).toEqual([
      'Late reset',
      'invite for kim@example.com',
      'password_changed for bob@example.com',
      'temp_password for ann@example.com',
    ]);
    for (const id of useful) expect((await store.outbox.findById(id))!.status).toBe('sent');
    expect(await rig.auditEvents('mail.sent')).toHaveLength(4);
    expect(await rig.auditEvents('mail.failed')).toHaveLength(0);
    expect(await rig.auditEvents('mail.expired')).toMatchObject([
      { targetId: 'user-ann', outcome: 'expired', details: { outboxId: staleReset, kind: 'reset_link' } },
    ]);
    await expectNoSecretsRecorded(rig);
  });

  it('when a reset mail cannot be delivered before its link expires, then it ends "expired", is purged and never sent', async () => {
    const port = await freePort();
    const expiresAt = later(rig.now, 15 * MINUTE);
    const id = await rig.queue().queue(resetMail(), { usefulUntil: expiresAt });
    const worker = rig.worker({ email: createSmtpTransport(`smtp://127.0.0.1:${port}`, FROM) });

    const retryTimes: number[] = [];
    for (let item = (await store.outbox.findById(id))!; item.status === 'queued';) {
      await worker.drain();
      item = (await store.outbox.findById(id))!;
      if (item.status !== 'queued') break;
      retryTimes.push(item.nextAttemptAt.getTime());
      rig.advanceTo(item.nextAttemptAt);
    }

    // The last retry is not scheduled past the expiry: the item is expired right at it.
    expect(retryTimes.at(-1)).toBe(expiresAt.getTime());
    expect(rig.now).toEqual(expiresAt);
    const item = (await store.outbox.findById(id))!;
    expect(item).toMatchObject({
      status: 'expired',
      payload: null,
      lastError: 'ESOCKET ECONNREFUSED: could not connect',
    });
    expect(item.attempts).toBe(retryTimes.length);
    expect(await rig.auditEvents('mail.failed')).toHaveLength(0);
    expect(await rig.auditEvents('mail.expired')).toMatchObject([
      {
        targetId: 'user-ann',
        outcome: 'expired',
        channel: 'email',
        details: {
          outboxId: id,
          kind: 'reset_link',
          attempts: item.attempts,
          usefulUntil: expiresAt.toISOString(),
          reason: 'ESOCKET ECONNREFUSED: could not connect',
        },
      },
    ]);

    const sink = await startSink({ port });
    rig.advanceTo(later(rig.now, 24 * HOUR));
    expect(await worker.drain()).toBe(0);
    expect(sink.messages).toHaveLength(0);
    await expectNoSecretsRecorded(rig);
  });

  it('when a worker dies after SMTP accepted a mail but before recording it, then the copy sent again has the same Message-ID', async () => {
    const sink = await startSink();
    const id = await rig.queue().queue(resetMail());
    const diesBeforeRecording: OutboxRepository = {
      ...store.outbox,
      markSent: () => Promise.reject(new Error('process killed')),
    };
    const transport = () => createSmtpTransport(sink.url, FROM);

    expect(
      await rig.worker({ email: transport() }, { outbox: diesBeforeRecording, leaseMs: MINUTE }).drain(),
    ).toBe(0);
    rig.advanceTo(later(rig.now, MINUTE));
    expect(await rig.worker({ email: transport() }).drain()).toBe(1);

    expect(sink.messages).toHaveLength(2);
    expect(sink.messages.map((message) => message.messageId)).toEqual([
      `<${id}@${MESSAGE_ID_DOMAIN}>`,
      `<${id}@${MESSAGE_ID_DOMAIN}>`,
    ]);
    expect(await store.outbox.findById(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('when a payload cannot be decrypted, then the item fails for good without reaching a transport', async () => {
    const mailbox = createDevMailbox();
    const foreign = createOutboxCipher(`${OUTBOX_KEY}-rotated`);
    const { id } = await store.outbox.enqueue(
      {
        channel: 'email',
        payload: foreign.seal(resetMail()),
        usefulUntil: later(rig.now, HOUR),
        userId: null,
      },
      rig.now,
    );

    expect(await rig.worker({ email: mailbox }).drain()).toBe(0);

    expect(mailbox.list()).toHaveLength(0);
    expect(await store.outbox.findById(id)).toMatchObject({
      status: 'failed',
      payload: null,
      lastError: 'EPAYLOAD: payload could not be decrypted',
    });
    expect(await rig.auditEvents('mail.failed')).toMatchObject([
      { targetId: null, details: { kind: 'unknown' } },
    ]);
  });

  it('when an SMS is queued, then it goes to the SMS transport and is audited as sms.sent', async () => {
    const smsBox = createDevMailbox();
    const emailBox = createDevMailbox();
    const sms: OutboxMessage = {
      channel: 'sms',
      to: '+15551234567',
      body: `Code ${SECRET_CODE}`,
      userId: 'u2',
      kind: 'temp_password',
    };
    const id = await rig.queue().queue(sms);

    expect(await rig.worker({ email: emailBox, sms: smsBox }).drain()).toBe(1);

    expect(emailBox.list()).toHaveLength(0);
    expect(smsBox.list().map((entry) => entry.message)).toEqual([sms]);
    expect(await rig.auditEvents('sms.sent')).toMatchObject([
      { targetId: 'u2', channel: 'sms', details: { outboxId: id, kind: 'temp_password' } },
    ]);
  });

  it('when an SMS reaches the SMTP transport (no gateway), then it fails for good at once', async () => {
    const sink = await startSink();
    const sms: OutboxMessage = {
      channel: 'sms',
      to: '+15551234567',
      body: 'hi',
      userId: 'u2',
      kind: 'temp_password',
    };
    const id = await rig.queue().queue(sms);
    const smtp = createSmtpTransport(sink.url, FROM);

    await rig.worker({ email: smtp, sms: smtp }).drain();

    expect(await store.outbox.findById(id)).toMatchObject({ status: 'failed', attempts: 1, payload: null });
    expect(await rig.auditEvents('sms.failed')).toMatchObject([
      { details: { reason: 'ENOSMS: no SMS gateway is configured' } },
    ]);
  });
});

describe('outbox worker retry schedule', () => {
  let store: Store;
  let rig: ReturnType<typeof createRig>;
  const failing: Transport = {
    send: async () => {
      throw Object.assign(new Error(`550 rejected: ${SECRET_CODE}`), { code: 'EWHATEVER' });
    },
  };

  beforeEach(() => {
    store = openSqliteStore(':memory:');
    rig = createRig(store);
  });

  afterEach(async () => {
    await store.close();
  });

  async function delayAfterAttempts(attempts: number, random: number, retryBaseMs: number): Promise<number> {
    const id = await rig.queue().queue(resetMail());
    const worker = rig.worker({ email: failing }, { random: () => random, retryBaseMs });
    let delay = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await worker.drain();
      const item = (await store.outbox.findById(id))!;
      delay = item.nextAttemptAt.getTime() - rig.now.getTime();
      rig.advanceTo(item.nextAttemptAt);
    }
    return delay;
  }

  it('when delivery keeps failing, then each retry waits retryBaseMs·2^(n−1) plus at most 20 % jitter', async () => {
    expect(await delayAfterAttempts(1, 0, 1000)).toBe(1000);
    expect(await delayAfterAttempts(3, 0, 1000)).toBe(4000);
    expect(await delayAfterAttempts(3, 0.999, 1000)).toBe(Math.round(4000 * 1.1998));
  });

  it('when the backoff would pass 10 minutes, then it is capped at 10 minutes, jitter included', async () => {
    expect(await delayAfterAttempts(3, 0, 4 * MINUTE)).toBe(10 * MINUTE);
    expect(await delayAfterAttempts(2, 0.999, 5 * MINUTE)).toBe(10 * MINUTE);
    expect(await delayAfterAttempts(12, 0.5, RETRY_BASE_MS)).toBe(10 * MINUTE);
  });

  it('when a notice cannot be delivered within OUTBOX_MAX_AGE_HOURS, then it is retried until then and ends "expired"', async () => {
    const id = await rig.queue(3 * HOUR).queue(notice('bob@example.com', 'password_changed'));
    const worker = rig.worker({ email: failing });
    const deadline = later(rig.now, 3 * HOUR);

    for (let item = (await store.outbox.findById(id))!; item.status === 'queued';) {
      await worker.drain();
      item = (await store.outbox.findById(id))!;
      rig.advanceTo(item.nextAttemptAt);
    }

    expect(await store.outbox.findById(id)).toMatchObject({ status: 'expired', usefulUntil: deadline });
    expect(await rig.auditEvents('mail.failed')).toHaveLength(0);
    expect(await rig.auditEvents('mail.expired')).toMatchObject([
      { targetId: 'user-bob@example.com', details: { outboxId: id, kind: 'password_changed' } },
    ]);
  });

  it('when a transport throws an unknown error, then only its code is recorded, never its message', async () => {
    const id = await rig.queue().queue(resetMail());

    await rig.worker({ email: failing }).drain();

    expect((await store.outbox.findById(id))!.lastError).toBe('EWHATEVER: delivery failed');
    await expectNoSecretsRecorded(rig);
  });
});

describe('outbox worker polling', () => {
  let store: Store;

  beforeEach(() => {
    store = openSqliteStore(':memory:');
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  });

  afterEach(async () => {
    jest.useRealTimers();
    await store.close();
  });

  it('when started, then it sends queued mail every pollMs until stopped', async () => {
    const rig = createRig(store);
    const mailbox = createDevMailbox();
    const worker = rig.worker({ email: mailbox }, { pollMs: 1000 });
    await rig.queue().queue(resetMail());

    worker.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(mailbox.list()).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(mailbox.list()).toHaveLength(1);

    await rig.queue().queue(resetMail('bob@example.com'));
    await jest.advanceTimersByTimeAsync(1000);
    expect(mailbox.list()).toHaveLength(2);

    await worker.stop();
    await rig.queue().queue(resetMail('cy@example.com'));
    await jest.advanceTimersByTimeAsync(10_000);
    expect(mailbox.list()).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('when a send is slower than pollMs, then polls and drain() take turns instead of overlapping', async () => {
    const rig = createRig(store);
    let inFlight = 0;
    let maxInFlight = 0;
    const slow: Transport = {
      send: async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 500));
        inFlight--;
      },
    };
    const worker = rig.worker({ email: slow }, { pollMs: 100, batchSize: 1 });
    for (const to of ['ann@example.com', 'bob@example.com', 'cy@example.com'])
      await rig.queue().queue(resetMail(to));

    worker.start();
    await jest.advanceTimersByTimeAsync(150);
    expect(inFlight).toBe(1);
    const draining = worker.drain();
    await jest.advanceTimersByTimeAsync(5000);
    const stopping = worker.stop();
    await jest.advanceTimersByTimeAsync(0);

    await Promise.all([draining, stopping]);
    expect(maxInFlight).toBe(1);
    expect(await rig.auditEvents('mail.sent')).toHaveLength(3);
  });
});

describe('two workers on one SQLite file', () => {
  let dir: string;
  const stores: Store[] = [];
  const rigs: ReturnType<typeof createRig>[] = [];
  let sink: SmtpSink;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resetdesk-outbox-'));
    sink = await new SmtpSink().start();
  });

  afterEach(async () => {
    await Promise.all(rigs.splice(0).map((rig) => rig.stopWorkers()));
    await sink.stop();
    await Promise.all(stores.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('when two workers on two store instances drain 30 mails at once, then each mail arrives exactly once', async () => {
    const file = join(dir, 'resetdesk.db');
    stores.push(openSqliteStore(file), openSqliteStore(file));
    rigs.push(...stores.map(createRig));
    const [rigA, rigB] = rigs;
    const subjects = Array.from({ length: 30 }, (_, index) => `Message ${index + 1}`);
    for (const subject of subjects) await rigA!.queue().queue(resetMail('ann@example.com', subject));
    const workers = [rigA!, rigB!].map((rig) =>
      rig.worker({ email: createSmtpTransport(sink.url, FROM) }, { batchSize: 4 }),
    );

    const sent = await Promise.all(workers.map((worker) => worker.drain()));

    expect(sent[0]! + sent[1]!).toBe(30);
    expect(sent.every((count) => count > 0)).toBe(true);
    expect(sink.messages.map((message) => message.subject).sort()).toEqual([...subjects].sort());
    expect(await rigA!.auditEvents('mail.sent')).toHaveLength(30);
  });
});
