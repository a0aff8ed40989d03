import {
  DeliveryError,
  gatewayStatusError,
  gatewayUnreachableError,
  type Transport,
} from '../outbox/delivery';

export interface SmsGatewayOptions {
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token: string | null;
  timeoutMs?: number;
}

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
        throw gatewayUnreachableError(error);
      }
      await response.body?.cancel();
      if (!response.ok) throw gatewayStatusError(response.status);
    },
  };
}
