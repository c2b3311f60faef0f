// Node 22.1 and later can keep V8's compiled code between runs; the command turns that on for itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const nodeHasCompileCache = major > 22 || (major === 22 && minor >= 1);

describe(`the compile cache on Node ${process.versions.node}`, () => {
  it(nodeHasCompileCache ? 'is kept in the temporary folder after a first run' : 'is not there to use, and the command runs without it', () => {
    const tmp = tempDir('mw-compile-cache-');
    const env: Record<string, string | undefined> = { ...process.env, TMPDIR: tmp, MESH_WORKSHOP_HOME: path.join(tmp, 'home') };
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const run = spawnSync(process.execPath, [BIN, 'list'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(run.status).toBe(0);
    const cache = path.join(tmp, 'node-compile-cache');
    expect(existsSync(cache)).toBe(nodeHasCompileCache);
    if (nodeHasCompileCache) expect(readdirSync(cache).length).toBeGreaterThan(0);
  });
});
