// Builds the browser code (src/client → public/js) with content-hashed names, so the files can be
// cached for a year, and writes public/js/manifest.json for src/web/assets.ts to find them.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'public/js');
const entries = ['strength-meter', 'menu-button', 'reveal-once', 'app-frame', 'delivery-status'];

// Old hashed files would otherwise pile up with every build.
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: entries.map((name) => `src/client/${name}.ts`),
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});

const manifest = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const path = relative(outdir, join(root, file)).split('\\').join('/');
  if (output.entryPoint) manifest[`${basename(output.entryPoint, '.ts')}.js`] = path;
}
await writeFile(join(outdir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
