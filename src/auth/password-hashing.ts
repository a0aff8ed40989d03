import argon2, { type HashOptions } from 'argon2';

export interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a malformed or missing hash; never throws for those. */
  verify(hash: string | null, password: string): Promise<boolean>;
  needsRehash(hash: string): boolean;
}

export function createPasswordHasher(parameters: Argon2Parameters): PasswordHasher {
  const options: HashOptions = { type: argon2.argon2id, ...parameters };
  // Verifying against this when there is no account keeps sign-in time the same for unknown users.
  const decoy = argon2.hash('resetdesk-decoy-password', options);

  return {
    hash: (password) => argon2.hash(password, options),
    async verify(hash, password) {
      try {
        return await argon2.verify(hash ?? (await decoy), password);
      } catch {
        return false;
      }
    },
    needsRehash: (hash) => argon2.needsRehash(hash, options),
  };
}
