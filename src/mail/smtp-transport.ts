import { createTransport } from 'nodemailer';
import { DeliveryError, toDeliveryError, type Transport } from '../outbox/delivery';

const SMTP_TIMEOUT_MS = 10_000;

/**
 * Email over SMTP through a small connection pool: many MTAs pause before their greeting (100 ms
 * and more), which a connection per message pays every time; a few reused connections do not.
 */
export function createSmtpTransport(smtpUrl: string, from: string): Transport {
  const transporter = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
    // Reconnect now and then, so a long-lived connection never outstays the server's own limits.
    maxMessages: 1000,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    dnsTimeout: SMTP_TIMEOUT_MS,
    // Message fields are plain strings; nothing may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    async send(message, { messageId }) {
      if (message.channel !== 'email') {
        throw new DeliveryError('ENOSMS: no SMS gateway is configured', true, 'ENOSMS');
      }
      try {
        await transporter.sendMail({
          from,
          messageId,
          // An address object, not a string: nodemailer never parses it as a list of recipients.
          to: { name: '', address: message.to },
          subject: message.subject,
          text: message.text,
          html: message.html,
          // RFC 3834: out-of-office robots must not answer.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
    close() {
      transporter.close();
    },
  };
}
