import { newId } from './ids';
/** A bearer token for the REST API, acting for the admin who created it within its scopes. */
export interface ApiToken {
  id: string;
  name: string;
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  tokenHash: string;
  /** Permission names, a subset of the creator's permissions when it was created. */
  scopes: string[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export type NewApiToken = Pick<ApiToken, 'name' | 'tokenHash' | 'scopes' | 'createdBy' | 'expiresAt'>;

/** The stored token both adapters write: a fresh id, never used, not revoked. */
export function buildApiToken(input: NewApiToken, now: Date): ApiToken {
  return {
    ...input,
    scopes: [...input.scopes],
    id: newId(),
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
}

export interface ApiTokenRepository {
  /** Token hashes are unique: a second token with the same hash is refused (throws). */
  create(token: NewApiToken, now: Date): Promise<ApiToken>;
  /** The token with this hash whatever its state: the caller checks expiry and revocation. */
  findByHash(tokenHash: string): Promise<ApiToken | null>;
  /** Every token, revoked and expired ones included, newest first. */
  list(): Promise<ApiToken[]>;
  /**
   * Atomic: true for the one call that revokes a token not yet revoked; false when it was revoked
   * before or does not exist. A revoked token stays listed, with its time of revocation.
   */
  revoke(id: string, now: Date): Promise<boolean>;
  /** Records a use; last write wins, so concurrent uses leave one of their times. */
  touch(id: string, now: Date): Promise<void>;
}
