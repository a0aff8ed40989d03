import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { openSqliteStore } from '../../src/store/sqlite';
import { appendAuditEvent, tamperSqliteAuditEvent } from '../support/audit';
import { ScriptSandbox } from './run-script';

describe('scripts/verify-audit', () => {
  let sandbox: ScriptSandbox;
  beforeEach(() => {
    sandbox = new ScriptSandbox();
  });
  afterEach(() => sandbox.remove());

  async function writeEvents(count: number): Promise<void> {
    const store = openSqliteStore(sandbox.sqlitePath);
    for (let i = 0; i < count; i++) await appendAuditEvent(store, { details: { index: i } });
    await store.close();
  }

  test('when the chain is intact, then it says so with the count and exits 0', async () => {
    await writeEvents(5);
    const run = await sandbox.run('verify-audit', []);
    expect([run.code, run.stdout, run.stderr]).toEqual([0, 'Audit chain OK: 5 events\n', '']);
  });

  test('when one audit row was edited in the SQLite file, then it exits 1 naming that event', async () => {
    await writeEvents(5);
    tamperSqliteAuditEvent(sandbox.sqlitePath, 3, 'nothing happened');
    const run = await sandbox.run('verify-audit', []);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Audit chain BROKEN at event 3: hash mismatch (its content was changed after it was written)\n',
    );
  });

  test("when a row's details were edited into text that is not JSON, then it still names that event", async () => {
    await writeEvents(3);
    const db = new Database(sandbox.sqlitePath);
    db.prepare("UPDATE audit_events SET details = '{broken' WHERE seq = 2").run();
    db.close();
    const run = await sandbox.run('verify-audit', []);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BROKEN at event 2: hash mismatch');
  });

  test('when a row was deleted, then it exits 1 naming the gap', async () => {
    await writeEvents(4);
    const db = new Database(sandbox.sqlitePath);
    db.prepare('DELETE FROM audit_events WHERE seq = 2').run();
    db.close();
    const run = await sandbox.run('verify-audit', []);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('event 3: gap (expected event 2 here');
  });

  test('when the configuration is invalid, then it exits 2 naming the variable', async () => {
    const run = await sandbox.run('verify-audit', [], { env: { PORT: 'abc' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Could not check the audit chain: .*PORT/);
  });

  test('when the store cannot be read, then it exits 2 with the reason', async () => {
    writeFileSync(
      sandbox.sqlitePath,
      'this is not a database, just text that is long enough to have a header',
    );
    const run = await sandbox.run('verify-audit', []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'Could not check the audit chain: Could not open the store: file is not a database',
    );
  });

  test('when given an unknown option, then it exits 2 with the usage', async () => {
    const run = await sandbox.run('verify-audit', ['--fix']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run verify-audit');
  });
});
