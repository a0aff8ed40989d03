import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteOptions } from '../../src/store/sqlite';
import { createWriteTurns } from '../../src/store/write-turns';
import type { ContractBackend } from './backend';
import { runStoreContract } from './contract';

const sqlite = (name: string, options: SqliteOptions = {}): ContractBackend => ({
  name,
  async createStorage() {
    const dir = mkdtempSync(join(tmpdir(), 'resetdesk-contract-'));
    const file = join(dir, 'store.db');
    return {
      async open() {
        return openSqliteStore(file, options);
      },
      async tamperAuditEvent(seq, outcome) {
        const db = new Database(file);
        db.prepare('UPDATE audit_events SET outcome = ? WHERE seq = ?').run(outcome, seq);
        db.close();
      },
      async destroy() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});

runStoreContract(sqlite('SQLite'));
// As the server opens it when a background thread shares the file: every write is wrapped in a turn.
runStoreContract(sqlite('SQLite, writing in turns', { writeTurns: createWriteTurns() }));
