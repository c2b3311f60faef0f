// Bundles the CLI for npx: one ESM entry plus lazily loaded chunks, so commands that draw nothing
// load only what they use. Then writes the lesson JSON Schema that authors point their editor at.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
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
for (const which of ['lesson', 'diagram']) {
  const schema = execFileSync(process.execPath, ['bin/mesh-workshop.js', 'schema', which], { encoding: 'utf8' });
  writeFileSync(`schema/${which}.schema.json`, schema);
}
