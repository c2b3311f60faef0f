// list and lint keep their results in the state directory; these tests prove a change is never hidden.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mw } from '../helpers/cli.js';
import { HEADER, tempDir, writeLesson } from '../helpers/lessons.js';

const STEP = `steps:
  - id: a
    title: A
    text: { file: a.md }
    run: echo a
    check:
      contains: a
      examples:
        pass: [{ source: a real run of echo a, output: a }]
        fail: [{ source: constructed - no output, output: '' }]
    hint: [Look., Run echo a.]
    solution: echo a
`;

describe('cached results of list and lint', () => {
  it('list gives the same answer from the cache, and a new one when a lesson changes', () => {
    const home = tempDir('mw-cache-home-');
    const pack = tempDir('mw-cache-pack-');
    const file = writeLesson(pack, '01-test', HEADER + STEP, { 'a.md': 'A' });
    const first = mw(['--lessons', pack, 'list'], { home });
    expect(readdirSync(path.join(home, 'cache')).some((name) => name.startsWith('list-'))).toBe(true);
    expect(mw(['--lessons', pack, 'list'], { home })).toEqual(first);
    writeFileSync(file, (HEADER + STEP).replace('title: Test', 'title: A renamed lesson'));
    expect(mw(['--lessons', pack, 'list'], { home }).stdout).toContain('A renamed lesson');
    // A new lesson folder shows up too.
    writeLesson(pack, '02-more', (HEADER + STEP).replace('id: test', 'id: more'), { 'a.md': 'A' });
    expect(mw(['--lessons', pack, 'list'], { home }).stdout).toContain('more');
  });

  it('lint notices a change in any file of the pack, not only lesson.yaml', () => {
    const home = tempDir('mw-cache-home-');
    const pack = tempDir('mw-cache-pack-');
    writeLesson(pack, '01-test', HEADER + STEP, { 'a.md': 'A' });
    expect(mw(['--lessons', pack, 'lint', '--strict'], { home }).status).toBe(0);
    expect(mw(['--lessons', pack, 'lint', '--strict'], { home }).status).toBe(0);
    rmSync(path.join(pack, '01-test', 'a.md'));
    const after = mw(['--lessons', pack, 'lint', '--strict'], { home });
    expect(after.status).toBe(1);
    expect(after.stdout).toContain('lesson.yaml:8:19: file not found: a.md');
  });

  it('a corrupt cache file is ignored and replaced', () => {
    const home = tempDir('mw-cache-home-');
    const pack = tempDir('mw-cache-pack-');
    writeLesson(pack, '01-test', HEADER + STEP, { 'a.md': 'A' });
    const first = mw(['--lessons', pack, 'list'], { home });
    for (const name of readdirSync(path.join(home, 'cache'))) writeFileSync(path.join(home, 'cache', name), '{"fingerprint": tr');
    expect(mw(['--lessons', pack, 'list'], { home })).toEqual(first);
  });
});
