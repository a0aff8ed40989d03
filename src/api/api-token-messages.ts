import type { CreateTokenError } from './api-tokens';

/** Why a token was not created, by the use case's code (the `api` catalog; `{max}` is API_TOKEN_MAX_DAYS). */
export const CREATE_TOKEN_ERRORS: Record<CreateTokenError, string> = {
  name_missing: 'api:errors.name_missing',
  no_scopes: 'api:errors.no_scopes',
  scope_unknown: 'api:errors.scope_unknown',
  scope_not_held: 'api:errors.scope_not_held',
  expiry_invalid: 'api:errors.expiry_invalid',
};

export const API_TOKEN_MESSAGES = {
  revoked: 'api:flash.revoked',
  unknown_token: 'api:errors.unknown_token',
} as const;
