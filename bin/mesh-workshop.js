#!/usr/bin/env node
// A thin shim: say plainly when Node is too old, then load the bundled CLI.
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stderr.write(`mesh-workshop needs Node.js 20 or newer; this is ${process.version}.\n`);
  process.exit(1);
}
// Node 22.1 and later keep V8's compiled code between runs (in the system's temporary folder): every start
// after the first skips compiling the bundle. Node 20 has no such cache; there the bundle is kept lean.
const { default: nodeModule } = await import('node:module');
nodeModule.enableCompileCache?.();
await import('../dist/main.js');
