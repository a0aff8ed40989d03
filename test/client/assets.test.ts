import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { createAssetResolver } from '../../src/web/assets';
import { serveBuiltScripts } from '../../src/web/built-scripts';

describe('built browser assets', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'resetdesk-assets-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function writeBuild(manifest: Record<string, string>): void {
    mkdirSync(join(root, 'public/js'), { recursive: true });
    writeFileSync(join(root, 'public/js/manifest.json'), JSON.stringify(manifest));
    for (const file of Object.values(manifest)) writeFileSync(join(root, 'public/js', file), 'export {};');
  }

  it('when the manifest lists a script, then its hashed URL is returned and the manifest is read once', () => {
    writeBuild({ 'strength-meter.js': 'strength-meter-ABCDEFGH.js' });
    const asset = createAssetResolver(root);
    expect(asset('strength-meter.js')).toBe('/js/strength-meter-ABCDEFGH.js');
    rmSync(join(root, 'public/js/manifest.json'));
    expect(asset('strength-meter.js')).toBe('/js/strength-meter-ABCDEFGH.js');
  });

  it('when the build has not run, then the error says to build', () => {
    const asset = createAssetResolver(root);
    expect(() => asset('strength-meter.js')).toThrow(/browser scripts are not built.*npm run build/);
  });

  it('when a script is not in the manifest, then the error names it', () => {
    writeBuild({});
    expect(() => createAssetResolver(root)('missing.js')).toThrow(/missing\.js is not in/);
  });

  it('when scripts are served, then hashed files are immutable for a year and the manifest is not cached', async () => {
    writeBuild({ 'strength-meter.js': 'strength-meter-ABCDEFGH.js' });
    const app = express().use('/js', serveBuiltScripts(root));
    const script = await request(app).get('/js/strength-meter-ABCDEFGH.js');
    expect([script.status, script.headers['cache-control']]).toEqual([
      200,
      'public, max-age=31536000, immutable',
    ]);
    expect(script.headers['content-type']).toMatch(/javascript/);
    const manifest = await request(app).get('/js/manifest.json');
    expect(manifest.headers['cache-control']).toBe('no-cache');
  });

  it('when the real build ran, then the meter entry and its lazy dictionaries are in the manifest', () => {
    const asset = createAssetResolver(join(__dirname, '../..'));
    expect(asset('strength-meter.js')).toMatch(/^\/js\/strength-meter-[A-Z2-7]{8}\.js$/);
    expect(asset('dictionaries.js')).toMatch(/^\/js\/chunks\/dictionaries-[A-Z2-7]{8}\.js$/);
  });
});
