/** What the domain hands to the mail queue; rendered by templates.ts, delivered by a Transport. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Audit target, never sent. */
  userId: string | null;
  /** What the message is for ('reset_link', 'invite', 'password_changed', …): audited, never sent. */
  kind: string;
}

export interface SmsMessage {
  /** E.164, e.g. +15551234567. */
  to: string;
  body: string;
  userId: string | null;
  kind: string;
}

/** One event for one webhook receiver; signed when it is delivered, so a retry carries a fresh timestamp. */
export interface WebhookMessage {
  to: string;
  /** `whsec_…`: the receiver's signing secret, kept only inside the encrypted payload. */
  secret: string;
  /** The Standard Webhooks `webhook-id`: the same for every delivery of this event. */
  eventId: string;
  /** The JSON body, sent exactly as signed. */
  body: string;
  /** Which receiver (a managed endpoint's id, or `config:<n>`), for its delivery status. */
  endpointKey: string;
  userId: string | null;
  /** The event type. */
  kind: string;
}

export type OutboxMessage =
  | ({ channel: 'email' } & EmailMessage)
  | ({ channel: 'sms' } & SmsMessage)
  | ({ channel: 'webhook' } & WebhookMessage);
