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
for (const [file, { entryPoint }] of Object.entries(metafile.outputs)) {
  if (entryPoint === undefined || !UNMAPPED.has(entryPoint)) continue;
  rmSync(`${file}.map`, { force: true });
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, ''));
}
