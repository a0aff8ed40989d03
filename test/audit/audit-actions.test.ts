import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KNOWN_AUDIT_ACTIONS } from '../../src/audit/audit-actions';

const SRC = resolve(__dirname, '../../src');

/** Features write actions; src/store only keeps them (and names a column `action`). */
function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(SRC, 'store') ? [] : featureFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('known audit actions', () => {
  test('when an action is written in src, then the audit filter suggests it', () => {
    const written = new Set(
      featureFiles(SRC).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/action: '([\w.:-]+)'/g)].map((match) => match[1]!),
      ),
    );
    expect(written.size).toBeGreaterThan(10);
    expect(
      [...written].filter((action) => !(KNOWN_AUDIT_ACTIONS as readonly string[]).includes(action)),
    ).toEqual([]);
  });
});
