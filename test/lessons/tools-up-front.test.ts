// A lesson that lists make or openssl in `tools` (for its certificate steps) checks for them in its first
// setup step, before it touches a cluster, and names the missing one. The script runs for real in bash,
// with a PATH that has one of the two and nothing else: no cluster is reached or pretended.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessonPack } from '../../src/lesson/load.js';
import { defaultLessonsDir } from '../../src/paths.js';
import { tempDir } from '../helpers/lessons.js';

const CERTIFICATE_TOOLS = ['make', 'openssl'] as const;
const { lessons } = loadLessonPack(defaultLessonsDir());
const lessonsWithCertificates = lessons.filter((loaded) => loaded.lesson.tools?.some((tool) => (CERTIFICATE_TOOLS as readonly string[]).includes(tool)));

/** Where a tool is on this machine, to offer it alone on a PATH. */
function which(tool: string): string | undefined {
  const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** A PATH holding only the given tools. */
function pathWith(tools: string[]): string {
  const bin = path.join(tempDir('mw-tools-'), 'bin');
  mkdirSync(bin);
  for (const tool of tools) symlinkSync(which(tool)!, path.join(bin, tool));
  return bin;
}

describe('lessons that make certificates check make and openssl first', () => {
  it('applies to the lessons with certificate steps', () => {
    expect(lessonsWithCertificates.map((loaded) => loaded.lesson.id)).toEqual(expect.arrayContaining(['resilience-security', 'one-mesh', 'multi-network']));
  });

  // Each tool a lesson lists, missing in turn (a lesson that only makes a certificate lists openssl alone).
  const cases = lessonsWithCertificates.flatMap((loaded) =>
    CERTIFICATE_TOOLS.filter((tool) => loaded.lesson.tools?.includes(tool)).map((missing) => [loaded.lesson.id, missing, loaded] as const),
  );
  const available = CERTIFICATE_TOOLS.every((tool) => which(tool));

  it.skipIf(!available).each(cases)('%s without %s stops at once and names it', (_id, missing, loaded) => {
    const first = loaded.lesson.setup?.[0];
    expect(first?.run, 'the first setup step runs a script').toBeTruthy();
    const present = CERTIFICATE_TOOLS.filter((tool) => tool !== missing);
    const result = spawnSync('/bin/bash', ['-e', '-o', 'pipefail', '-c', first!.run!], {
      encoding: 'utf8',
      cwd: path.dirname(loaded.file),
      env: { PATH: pathWith([...present]), CTX_CLUSTER1: 'kind-cluster1', CTX_CLUSTER2: 'kind-cluster2', CTX_CLUSTER3: 'kind-cluster3' },
    });
    const output = result.stdout + result.stderr;
    expect(result.status).not.toBe(0);
    expect(output).toContain(`${missing} is missing`);
    // Nothing after the check ran: no cluster command was even looked for.
    expect(output).not.toMatch(/kubectl|docker/);
  });
});
