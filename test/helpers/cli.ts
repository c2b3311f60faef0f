/** Run the built command line as a user would: `node bin/mesh-workshop.js …` (npm test builds first). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from './lessons.js';

export const BIN = path.resolve('bin/mesh-workshop.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function mw(args: string[], options: { input?: string; env?: Record<string, string>; home?: string; cwd?: string } = {}): CliResult {
  const home = options.home ?? tempDir('mw-cli-home-');
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, MESH_WORKSHOP_HOME: home, NO_COLOR: '1', ...options.env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A stack trace has lines like "    at main (file.js:1:2)". */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text);
}
