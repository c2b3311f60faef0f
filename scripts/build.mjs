// Bundles the CLI for npx: one ESM entry plus lazily loaded chunks, so commands that draw nothing
// load only what they use. Then writes the lesson JSON Schema that authors point their editor at.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  // Some bundled CommonJS dependencies call require(); give ESM chunks a real one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Ink loads React DevTools only when DEV=true; it is not shipped.
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  jsx: 'automatic',
  logLevel: 'warning',
});
const schema = execFileSync(process.execPath, ['bin/mesh-workshop.js', 'schema'], { encoding: 'utf8' });
writeFileSync('schema/lesson.schema.json', schema);
