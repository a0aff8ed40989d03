import type { CreateEndpointResult } from './webhook-endpoints';

type CreateEndpointFailure = Extract<CreateEndpointResult, { ok: false }>;

/** Why a receiver was not added, by the use case's code and, for a URL, its problem (the `webhooks` catalog). */
const URL_PROBLEMS: Record<Extract<CreateEndpointFailure, { error: 'url_invalid' }>['reason'], string> = {
  not_absolute: 'webhooks:errors.url_not_absolute',
  credentials: 'webhooks:errors.url_credentials',
  not_https: 'webhooks:errors.url_not_https',
  not_https_or_local: 'webhooks:errors.url_not_https_or_local',
  too_long: 'webhooks:errors.url_too_long',
};

const CREATE_ENDPOINT_ERRORS: Record<Exclude<CreateEndpointFailure['error'], 'url_invalid'>, string> = {
  no_events: 'webhooks:errors.no_events',
  event_unknown: 'webhooks:errors.event_unknown',
};

export const WEBHOOK_MESSAGES = {
  unknown_receiver: 'webhooks:errors.unknown_receiver',
  enabled: 'webhooks:flash.enabled',
  disabled: 'webhooks:flash.disabled',
} as const;

export function createEndpointErrorKey(failure: CreateEndpointFailure): string {
  return failure.error === 'url_invalid'
    ? URL_PROBLEMS[failure.reason]
    : CREATE_ENDPOINT_ERRORS[failure.error];
}
