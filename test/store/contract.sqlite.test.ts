import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite';
import type { ContractBackend } from './backend';
import { runStoreContract } from './contract';

const sqlite: ContractBackend = {
  name: 'SQLite',
  async createStorage() {
    const dir = mkdtempSync(join(tmpdir(), 'resetdesk-contract-'));
    const file = join(dir, 'store.db');
    return {
      async open() {
        return openSqliteStore(file);
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
};

runStoreContract(sqlite);
