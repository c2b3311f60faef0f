// Bundles the CLI for npx: one ESM entry plus lazily loaded chunks, so commands that draw nothing
// load only what they use. The JSON Schemas in schema/ are tracked files: `npm run schema` writes them,
// and a test holds them to the code, so a build never rewrites what the tests compare.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

rmSync('dist', { recursive: true, force: true });
await build({
  ...BUNDLE_OPTIONS,
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
