import type { PasswordHasher } from '../src/auth/password-hashing';
import type { Config } from '../src/config';
import type { MailQueue } from '../src/outbox/mail-queue';
import type { ResetSecrets } from '../src/reset/secrets';
import type { Store } from '../src/store';
import type { SeededUser } from './fixtures';
import type { BenchProfile } from './profile';
import type { CountingSmtpSink } from './smtp-sink';

/** What every phase may use: the running server's port, the same store file, and the seeded users. */
export interface BenchContext {
  profile: BenchProfile;
  config: Config;
  port: number;
  /** The server process, for its per-thread CPU times. */
  serverPid: number;
  sqlitePath: string;
  store: Store;
  hasher: PasswordHasher;
  secrets: ResetSecrets;
  mailQueue: MailQueue;
  sink: CountingSmtpSink;
  /** Sign in and ask for resets; their passwords never change. */
  members: readonly SeededUser[];
  /** Each completes one reset. */
  resetters: readonly SeededUser[];
  /** Raw argon2id hashes per second at the server's parameters and thread pool size. */
  ceiling: number;
}
