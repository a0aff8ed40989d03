import type { Store } from '../../src/store';

/** One isolated piece of backing storage (a SQLite file, a MongoDB database) for one test. */
export interface BackingStorage {
  /** Opens another store instance on the same data, like a second app process would. */
  open(): Promise<Store>;
  /** Changes one stored audit event behind the store's back, as an attacker with database access would. */
  tamperAuditEvent(seq: number, outcome: string): Promise<void>;
  destroy(): Promise<void>;
}

export interface ContractBackend {
  name: string;
  createStorage(): Promise<BackingStorage>;
}
