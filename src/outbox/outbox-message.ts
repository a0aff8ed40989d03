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

export type OutboxMessage = ({ channel: 'email' } & EmailMessage) | ({ channel: 'sms' } & SmsMessage);
