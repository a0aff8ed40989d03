/** A webhook receiver added in the console (those from WEBHOOK_URLS live in the configuration only). */
export interface WebhookEndpoint {
  id: string;
  url: string;
  /** Event types it receives. */
  events: string[];
  enabled: boolean;
  /** The signing secret, encrypted by the caller; it is shown once and must be kept to sign. */
  secretSealed: string;
  createdBy: string;
  createdAt: Date;
}

export type NewWebhookEndpoint = Pick<
  WebhookEndpoint,
  'url' | 'events' | 'enabled' | 'secretSealed' | 'createdBy'
>;

export type WebhookDeliveryResult = 'sent' | 'failed';

/** The last delivery to one endpoint, by its key (a managed endpoint's id, or `config:<n>`). */
export interface WebhookDeliveryStatus {
  endpointKey: string;
  lastAttemptAt: Date;
  lastResult: WebhookDeliveryResult;
  /** The last failure's code-only description; kept after a later success. */
  lastError: string | null;
  sent: number;
  failed: number;
}

export interface WebhookEndpointRepository {
  create(endpoint: NewWebhookEndpoint, now: Date): Promise<WebhookEndpoint>;
  /** Oldest first. */
  list(): Promise<WebhookEndpoint[]>;
  /** False for an unknown endpoint. */
  setEnabled(id: string, enabled: boolean): Promise<boolean>;
  /** Atomic per endpoint: concurrent records each count once; the last attempt's time and result win. */
  recordDelivery(
    endpointKey: string,
    result: WebhookDeliveryResult,
    error: string | null,
    now: Date,
  ): Promise<void>;
  listDeliveryStatus(): Promise<WebhookDeliveryStatus[]>;
}
