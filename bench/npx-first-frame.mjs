// What a learner waits for on the first `npx mesh-workshop`: the package, packed as npm publishes it, run by
// npx from an empty npm cache, to its first frame in a pty; against the smallest Ink app bundled with the same
// settings and packed and run the same way. Offline, so that only unpacking and starting are measured (neither
// package has dependencies to fetch: both are bundles). Prints one JSON line.
// Usage: node bench/npx-first-frame.mjs ROUNDS
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_OPTIONS } from '../scripts/bundle-options.mjs';
import { firstFrame } from './pty-frame.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.argv[2] ?? 5);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mesh-workshop-npx-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const quietNpm = { npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_loglevel: 'error' };

function pack(dir) {
  // The workshop's dist/ is built already (npm run bench builds first): no prepack build here.
  const run = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tmp], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...quietNpm } });
  if (run.status !== 0) throw new Error(`npm pack in ${dir} failed: ${run.stderr}`);
  return path.join(tmp, run.stdout.trim().split('\n').at(-1));
}

// The reference package: the smallest Ink app, bundled alike, with a bin, packed.
const minimalDir = path.join(tmp, 'minimal-ink-app');
mkdirSync(minimalDir, { recursive: true });
const entry = path.join(tmp, 'minimal.tsx');
writeFileSync(entry, "import { render, Text } from 'ink';\nrender(<Text>minimal ink app ready</Text>);\n");
const { build } = await import('esbuild');
await build({ ...BUNDLE_OPTIONS, entryPoints: [entry], outdir: path.join(minimalDir, 'dist'), nodePaths: [path.join(ROOT, 'node_modules')], logLevel: 'error' });
writeFileSync(path.join(minimalDir, 'cli.js'), "#!/usr/bin/env node\nawait import('./dist/minimal.js');\n", { mode: 0o755 });
writeFileSync(path.join(minimalDir, 'package.json'), JSON.stringify({ name: 'minimal-ink-app', version: '1.0.0', type: 'module', bin: { 'minimal-ink-app': 'cli.js' }, files: ['cli.js', 'dist'] }));

const tarballs = { workshop: pack(ROOT), minimal: pack(minimalDir) };
let caches = 0;
const npx = (tarball, bin) => `npx --yes --offline --cache ${path.join(tmp, `cache-${++caches}`)} --package ${tarball} -- ${bin}`;
const env = { ...quietNpm, MESH_WORKSHOP_HOME: path.join(tmp, 'home') };
const sides = {
  workshop: () => firstFrame(npx(tarballs.workshop, 'mesh-workshop'), 'Istio service-mesh lessons on kind', env, { cwd: tmp }),
  minimal: () => firstFrame(npx(tarballs.minimal, 'minimal-ink-app'), 'minimal ink app ready', env, { cwd: tmp }),
};
const results = { workshop: [], minimal: [] };
for (let round = -1; round < rounds; round++) {
  const order = round % 2 === 0 ? ['workshop', 'minimal'] : ['minimal', 'workshop'];
  for (const name of order) {
    // Each run a new home too: the first run after an install has no state directory.
    env.MESH_WORKSHOP_HOME = path.join(tmp, `home-${caches}`);
    const ms = await sides[name]();
    if (round >= 0) results[name].push(ms);
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
