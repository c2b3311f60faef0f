// Time to the first frame of the home screen, in a pseudo-terminal (`script` gives the command a pty),
// against a minimal Ink app bundled the same way, side by side. Prints one JSON line.
// Usage: node bench/first-frame.mjs ROUNDS
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_OPTIONS } from '../scripts/bundle-options.mjs';
import { firstFrame } from './pty-frame.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.argv[2] ?? 10);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mesh-workshop-frame-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

// The reference: the smallest Ink app, bundled with the workshop's own build settings.
const entry = path.join(tmp, 'minimal.tsx');
writeFileSync(entry, "import { render, Text } from 'ink';\nrender(<Text>minimal ink app ready</Text>);\n");
const { build } = await import('esbuild');
await build({
  ...BUNDLE_OPTIONS,
  entryPoints: [entry],
  outdir: path.join(tmp, 'minimal'),
  nodePaths: [path.join(ROOT, 'node_modules')],
  logLevel: 'error',
});

const home = path.join(tmp, 'home');
const sides = {
  workshop: () => firstFrame(`${process.execPath} ${path.join(ROOT, 'bin/mesh-workshop.js')}`, 'Istio service-mesh lessons on kind', { MESH_WORKSHOP_HOME: home }),
  minimal: () => firstFrame(`${process.execPath} ${path.join(tmp, 'minimal', 'minimal.js')}`, 'minimal ink app ready', {}),
};
const results = { workshop: [], minimal: [] };
for (let round = -2; round < rounds; round++) {
  const order = round % 2 === 0 ? ['workshop', 'minimal'] : ['minimal', 'workshop'];
  for (const name of order) {
    const ms = await sides[name]();
    if (round >= 0) results[name].push(ms);
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
