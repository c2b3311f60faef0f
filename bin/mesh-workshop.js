#!/usr/bin/env node
// A thin shim: say plainly when Node is too old, then load the bundled CLI.
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stderr.write(`mesh-workshop needs Node.js 20 or newer; this is ${process.version}.\n`);
  process.exit(1);
}
await import('../dist/main.js');
