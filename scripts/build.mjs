// Bundles the CLI for npx: one ESM entry plus lazily loaded chunks, so commands that draw nothing
// load only what they use. The JSON Schemas in schema/ are tracked files: `npm run schema` writes them,
// and a test holds them to the code, so a build never rewrites what the tests compare.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

/**
 * Chunks that are third-party code but for a few lines: the manifest checker's validators (kubernetes-models'
 * compiled ones, minified already, and ajv). A map into them explains nothing and would add 2 MB to the
 * package, so they ship without one.
 */
const UNMAPPED = new Set(['src/manifests/kubernetes-schemas.ts', 'src/manifests/istio-schemas.ts']);

rmSync('dist', { recursive: true, force: true });
const { metafile } = await build({
  ...BUNDLE_OPTIONS,
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
});
// The banner gives every chunk a `require` for the bundled CommonJS code that calls one; the few chunks that do
// keep it (16 kB of the package otherwise). Emptied, its line stays, so that the source maps still line up.
const BANNER = BUNDLE_OPTIONS.banner.js;
for (const [file, { entryPoint }] of Object.entries(metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  let code = readFileSync(file, 'utf8');
  if (code.startsWith(BANNER) && !/\brequire\b/.test(code.slice(BANNER.length))) code = code.slice(BANNER.length);
  if (entryPoint !== undefined && UNMAPPED.has(entryPoint)) {
    rmSync(`${file}.map`, { force: true });
    code = code.replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
  }
  writeFileSync(file, code);
}

// The results of `list` and `lint` for the bundled lessons, made by the built CLI itself in a scratch state
// directory and shipped in dist/shipped/: the first run after an install takes them instead of reading every
// lesson (src/commands/result-cache.ts checks they were made from the same lesson files).
{
  const { mkdtempSync, readdirSync, mkdirSync, copyFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const os = await import('node:os');
  const path = await import('node:path');
  const home = mkdtempSync(path.join(os.tmpdir(), 'mesh-workshop-build-'));
  try {
    mkdirSync('dist/shipped', { recursive: true });
    for (const kind of ['list', 'lint']) {
      spawnSync(process.execPath, ['bin/mesh-workshop.js', '--home', home, kind], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
      const made = readdirSync(path.join(home, 'cache')).find((name) => name.startsWith(`${kind}-`) && name.endsWith('.json'));
      if (made) copyFileSync(path.join(home, 'cache', made), `dist/shipped/${kind}.json`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
