import type { ParsedMail } from 'mailparser';
import { createOutboxWorker } from '../../src/outbox/outbox-worker';
import { createDevMailbox } from '../../src/mail/dev-mailbox';
import { createSmtpTransport } from '../../src/mail/smtp-transport';
import { createSmsGatewayTransport } from '../../src/sms/http-gateway';
import type { TestApp } from '../web/harness';
import { FormClient } from './form-client';
import type { SmsGatewaySink } from './sms-gateway';
import type { SmtpSink } from './smtp-sink';

/**
 * Resolves the waiting /forgot intents, then runs the real outbox worker against a real SMTP server
 * (and a real SMS gateway) until nothing is due, then closes its connections.
 */
export function smtpDelivery(testApp: TestApp, sink: SmtpSink, smsGateway?: SmsGatewaySink) {
  return async () => {
    await testApp.resolveResetIntents();
    const worker = createOutboxWorker({
      outbox: testApp.store.outbox,
      cipher: testApp.services.cipher,
      transports: {
        email: createSmtpTransport(sink.url, 'ResetDesk <no-reply@test>'),
        sms: smsGateway
          ? createSmsGatewayTransport({ url: smsGateway.url, token: null })
          : createDevMailbox(),
      },
      clock: testApp.services.clock,
      logger: testApp.logger,
      audit: testApp.services.audit,
      retryBaseMs: 1000,
      pollMs: 50,
      messageIdDomain: 'localhost',
    });
    try {
      return await worker.drain();
    } finally {
      await worker.stop();
    }
  };
}

export interface ResetMail {
  /** Path and query of the emailed link, e.g. /reset?token=… */
  linkPath: string;
  token: string;
  code: string;
}

export function readResetMail(mail: ParsedMail): ResetMail {
  const text = mail.text ?? '';
  const link = /(https?:\/\/[^\s/]+)(\/reset\?token=([\w-]+))/.exec(text);
  const code = /\b(\d{6})\b/.exec(text);
  if (!link || !code) throw new Error(`not a reset mail:\n${text}`);
  return { linkPath: link[2]!, token: link[3]!, code: code[1]! };
}

export async function followLinkAndReset(client: FormClient, mail: ResetMail, password: string) {
  await client.get(mail.linkPath);
  return client.submit('/reset', { code: mail.code, password, confirmPassword: password });
}
