import { DeliveryError, type Transport } from '../mail/transports';

export interface SmsGatewayOptions {
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token: string | null;
  timeoutMs?: number;
}

/** Statuses worth retrying: the gateway is busy or down, not refusing this message. */
const RETRYABLE = new Set([408, 425, 429]);

/**
 * Texts go to an HTTP gateway as JSON `{to, body}`; any 2xx means accepted. The response body is
 * never read into errors or logs: it may echo the message, which can hold a temporary password.
 */
export function createSmsGatewayTransport({ url, token, timeoutMs = 10_000 }: SmsGatewayOptions): Transport {
  return {
    async send(message) {
      if (message.channel !== 'sms')
        throw new DeliveryError('the SMS gateway only sends SMS', true, 'ECHANNEL');
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
          body: JSON.stringify({ to: message.to, body: message.body }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        const code = (error as { name?: string }).name === 'TimeoutError' ? 'ETIMEDOUT' : 'ECONNECTION';
        throw new DeliveryError(`${code}: SMS gateway unreachable`, false, code);
      }
      await response.body?.cancel();
      if (response.ok) return;
      const permanent = response.status < 500 && !RETRYABLE.has(response.status);
      throw new DeliveryError(
        `HTTP ${response.status}: SMS gateway refused the message`,
        permanent,
        `HTTP${response.status}`,
      );
    },
  };
}
