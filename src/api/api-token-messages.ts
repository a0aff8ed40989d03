import { API_TOKEN_MAX_DAYS, type CreateTokenError } from './api-tokens';

/** Why a token was not created, by the use case's code. */
export const CREATE_TOKEN_ERRORS: Record<CreateTokenError, string> = {
  name_missing: 'Give the token a name of up to 80 characters, such as the tool that will use it.',
  no_scopes: 'Choose at least one scope.',
  scope_unknown: 'Choose scopes from the list only.',
  scope_not_held: 'A token can only hold scopes you hold yourself.',
  expiry_invalid: `The expiry must be a whole number of days from 1 to ${API_TOKEN_MAX_DAYS}.`,
};

export const API_TOKEN_MESSAGES = {
  revoked: (name: string) => `The token “${name}” was revoked: requests with it are refused from now on.`,
  unknown_token: 'This token does not exist or was already revoked.',
} as const;
