import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KNOWN_AUDIT_ACTIONS } from '../../src/audit/audit-actions';
import type { AuditEntry } from '../../src/audit/audit-log';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');

/** Features and scripts write actions; src/store only keeps them (and names a column `action`). */
function writerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(SRC, 'store') ? [] : writerFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function actionsWrittenIn(dir: string): Set<string> {
  return new Set(
    writerFiles(dir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/action: '([\w.:-]+)'/g)].map((match) => match[1]!),
    ),
  );
}

describe('known audit actions', () => {
  test.each(['src', 'scripts'])('when an action is written in %s/, then it is a known action', (dir) => {
    const written = actionsWrittenIn(join(ROOT, dir));
    expect(written.size).toBeGreaterThan(dir === 'src' ? 10 : 1);
    expect(
      [...written].filter((action) => !(KNOWN_AUDIT_ACTIONS as readonly string[]).includes(action)),
    ).toEqual([]);
  });

  test('when an entry names an unknown action, then the type checker refuses it (npm run typecheck)', () => {
    // @ts-expect-error 'password.guessed' is not a known audit action.
    const entry: AuditEntry = { action: 'password.guessed', actorId: null, targetId: null, outcome: 'ok' };
    expect(KNOWN_AUDIT_ACTIONS).not.toContain(entry.action);
  });
});
