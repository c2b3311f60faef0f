// The kind end-to-end suite: every lesson run headless, checks and all, on real clusters. It needs a Docker
// engine; without one it says so in one line and exits 77 (the conventional "skipped" code), so it can
// never be mistaken for a pass.
import { spawnSync } from 'node:child_process';

const docker = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 20_000 });
if (docker.status !== 0) {
  console.log('SKIPPED: no Docker engine');
  process.exit(77);
}
const list = spawnSync(process.execPath, ['bin/mesh-workshop.js', 'list', '--json'], { encoding: 'utf8' });
if (list.status !== 0) {
  process.stderr.write(list.stderr);
  process.exit(1);
}
let failed = 0;
for (const { id } of JSON.parse(list.stdout)) {
  console.log(`== ${id}`);
  const run = spawnSync(process.execPath, ['bin/mesh-workshop.js', 'run', id, '--yes', '--cleanup'], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
console.log(failed === 0 ? 'e2e: every lesson passed' : `e2e: ${failed} lesson(s) failed`);
process.exit(failed === 0 ? 0 : 1);
