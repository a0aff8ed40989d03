import { createHash, randomBytes } from 'node:crypto';
import type { RecordAudit } from '../audit/audit-log';
import { hasPermission, type Permission } from '../auth/permissions';
import type { Clock } from '../clock';
import type { RequestContext } from '../request-context';
import type { ApiToken, Store, User } from '../store';
import { DAY } from '../time';

/** What a token may be granted: the console's permissions that make sense without a person at a screen. */
export const API_SCOPES = ['users:read', 'users:update', 'users:reset', 'audit:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;
export const API_TOKEN_NAME_MAX_LENGTH = 80;
const TOKEN_PREFIX = 'rd_';

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

export interface NewTokenInput {
  name: string;
  scopes: readonly string[];
  /** Null: the default. */
  expiresInDays: number | null;
}

export type CreateTokenError =
  'name_missing' | 'no_scopes' | 'scope_unknown' | 'scope_not_held' | 'expiry_invalid';

export type CreateTokenResult =
  { ok: true; token: string; record: ApiToken } | { ok: false; error: CreateTokenError };

/** Why a bearer token was not accepted; the API answers 401 for each, without saying which. */
export type AuthenticationError = 'token_invalid' | 'token_expired' | 'token_revoked' | 'creator_inactive';

export interface ApiCaller {
  token: ApiToken;
  /** The creator, as the actor of everything the token does. */
  creator: User;
  /** The token's scopes the creator still holds now: a demoted creator's token loses what they lost. */
  scopes: ApiScope[];
}

export type AuthenticationResult =
  { ok: true; caller: ApiCaller } | { ok: false; error: AuthenticationError };

export interface ApiTokensDeps {
  store: Pick<Store, 'apiTokens' | 'users'>;
  audit: RecordAudit;
  clock: Clock;
}

function checkScopes(creator: User, scopes: readonly string[]): CreateTokenError | null {
  if (scopes.length === 0) return 'no_scopes';
  if (!scopes.every(isApiScope)) return 'scope_unknown';
  // A token never holds what its creator lacks.
  if (!scopes.every((scope) => hasPermission(creator, scope as Permission))) return 'scope_not_held';
  return null;
}

/** API tokens: made and revoked by admins in the console, checked on every API request. */
export function createApiTokens({ store, audit, clock }: ApiTokensDeps) {
  return {
    async create(creator: User, input: NewTokenInput, context: RequestContext): Promise<CreateTokenResult> {
      const name = input.name.trim();
      if (!name || name.length > API_TOKEN_NAME_MAX_LENGTH) return { ok: false, error: 'name_missing' };
      const scopes = [...new Set(input.scopes)];
      const refused = checkScopes(creator, scopes);
      if (refused) return { ok: false, error: refused };
      const days = input.expiresInDays ?? API_TOKEN_DEFAULT_DAYS;
      if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_MAX_DAYS) {
        return { ok: false, error: 'expiry_invalid' };
      }
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const now = clock();
      const ordered = API_SCOPES.filter((scope) => scopes.includes(scope));
      const record = await store.apiTokens.create(
        {
          name,
          tokenHash: hashApiToken(token),
          scopes: ordered,
          createdBy: creator.id,
          expiresAt: new Date(now.getTime() + days * DAY),
        },
        now,
      );
      await audit(
        {
          action: 'api_token.created',
          actorId: creator.id,
          targetId: null,
          outcome: 'ok',
          details: {
            tokenId: record.id,
            name,
            scopes: ordered.join(' '),
            expiresAt: record.expiresAt.toISOString(),
          },
        },
        context,
      );
      return { ok: true, token, record };
    },

    /** False when the token is unknown or was revoked before. */
    async revoke(admin: User, tokenId: string, context: RequestContext): Promise<boolean> {
      if (!(await store.apiTokens.revoke(tokenId, clock()))) return false;
      await audit(
        {
          action: 'api_token.revoked',
          actorId: admin.id,
          targetId: null,
          outcome: 'ok',
          details: { tokenId },
        },
        context,
      );
      return true;
    },

    async authenticate(presented: string): Promise<AuthenticationResult> {
      if (!presented.startsWith(TOKEN_PREFIX) || presented.length > 100) {
        return { ok: false, error: 'token_invalid' };
      }
      const token = await store.apiTokens.findByHash(hashApiToken(presented));
      if (!token) return { ok: false, error: 'token_invalid' };
      if (token.revokedAt) return { ok: false, error: 'token_revoked' };
      const now = clock();
      if (token.expiresAt.getTime() <= now.getTime()) return { ok: false, error: 'token_expired' };
      const creator = await store.users.findById(token.createdBy);
      if (!creator || creator.status !== 'active') return { ok: false, error: 'creator_inactive' };
      const scopes = API_SCOPES.filter(
        (scope) => token.scopes.includes(scope) && hasPermission(creator, scope),
      );
      await store.apiTokens.touch(token.id, now);
      return { ok: true, caller: { token, creator, scopes } };
    },
  };
}

export type ApiTokens = ReturnType<typeof createApiTokens>;
