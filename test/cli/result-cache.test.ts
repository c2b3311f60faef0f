// list and lint keep their results in the state directory; these tests prove a change is never hidden.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('list answers from the cache while nothing changed (a value planted in it is what it prints)', () => {
    const home = tempDir('mw-cache-home-');
    const pack = tempDir('mw-cache-pack-');
    writeLesson(pack, '01-test', HEADER + STEP, { 'a.md': 'A' });
    mw(['--lessons', pack, 'list'], { home });
    const [cache] = cacheFiles(home, 'list-');
    const planted = readFileSync(cache!, 'utf8').replace('"title":"Test"', '"title":"Read from the cache"');
    expect(planted).toContain('Read from the cache');
    writeFileSync(cache!, planted);
    expect(mw(['--lessons', pack, 'list'], { home }).stdout).toContain('Read from the cache');
  });

  it('a broken lesson is named from where each command runs, the cached answer too', () => {
    const home = tempDir('mw-cache-home-');
    const parent = tempDir('mw-cache-parent-');
    const pack = path.join(parent, 'pack');
    writeLesson(pack, '01-broken', HEADER.replace('id: test', 'id: broken') + 'steps: 3\n');
    for (const command of ['list', 'lint']) {
      const fromPack = mw(['--lessons', pack, command], { home, cwd: pack });
      const fromParent = mw(['--lessons', pack, command], { home, cwd: parent });
      expect(`${fromPack.stdout}${fromPack.stderr}`, command).toMatch(/^01-broken\/lesson\.yaml:5:\d+: /m);
      expect(`${fromParent.stdout}${fromParent.stderr}`, command).toMatch(/^pack\/01-broken\/lesson\.yaml:5:\d+: /m);
    }
    expect(cacheFiles(home, 'list-')).toHaveLength(1);
    expect(cacheFiles(home, 'lint-')).toHaveLength(1);
  });

  it('a corrupt cache file is ignored and replaced', () => {
    const home = tempDir('mw-cache-home-');
    const pack = tempDir('mw-cache-pack-');
    writeLesson(pack, '01-test', HEADER + STEP, { 'a.md': 'A' });
    const first = mw(['--lessons', pack, 'list'], { home });
    const files = cacheFiles(home, 'list-');
    for (const file of files) writeFileSync(file, '{"fingerprint": tr');
    expect(mw(['--lessons', pack, 'list'], { home })).toEqual(first);
    // Written anew: whole JSON again, with the fingerprint it was made for.
    for (const file of files) expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ fingerprint: expect.stringContaining(`01-test ${statSync(path.join(pack, '01-test', 'lesson.yaml')).size}:`) });
  });
});

describe('the validated lessons a run reads', () => {
  it('a run reads them from the cache while nothing changed (a title planted in it is what it prints), and anew after a change', () => {
    const home = tempDir('mw-cache-home-');
    const pack = tempDir('mw-cache-pack-');
    const file = writeLesson(pack, '01-test', HEADER + STEP, { 'a.md': 'A' });
    expect(mw(['--lessons', pack, 'run', 'test', '--yes'], { home }).stdout).toContain('test: Test (1 step)');
    const [cache] = cacheFiles(home, 'lessons-');
    writeFileSync(cache!, readFileSync(cache!, 'utf8').replace('"title":"Test"', '"title":"Read from the cache"'));
    expect(mw(['--lessons', pack, 'run', 'test', '--yes'], { home }).stdout).toContain('test: Read from the cache (1 step)');
    writeFileSync(file, (HEADER + STEP).replace('title: Test', 'title: A renamed lesson'));
    const renamed = mw(['--lessons', pack, 'run', 'test', '--yes'], { home });
    expect(renamed.stdout).toContain('test: A renamed lesson (1 step)');
    expect(renamed.status).toBe(0);
  });

  it('a broken lesson is named from where the command runs, whichever command wrote the cache', () => {
    const home = tempDir('mw-cache-home-');
    const parent = tempDir('mw-cache-parent-');
    const pack = path.join(parent, 'pack');
    writeLesson(pack, '01-broken', HEADER.replace('id: test', 'id: broken') + 'steps: 3\n');
    const fromPack = mw(['--lessons', pack, 'run', '01-broken', '--yes'], { home, cwd: pack });
    expect(fromPack.stderr).toMatch(/^01-broken\/lesson\.yaml:5:\d+: /m);
    expect(cacheFiles(home, 'lessons-')).toHaveLength(1);
    const fromParent = mw(['--lessons', pack, 'run', '01-broken', '--yes'], { home, cwd: parent });
    expect(fromParent.stderr).toMatch(/^pack\/01-broken\/lesson\.yaml:5:\d+: /m);
    expect(fromParent.status).toBe(2);
  });

  it('a corrupt lessons cache is ignored and replaced', () => {
    const home = tempDir('mw-cache-home-');
    const pack = tempDir('mw-cache-pack-');
    writeLesson(pack, '01-test', HEADER + STEP, { 'a.md': 'A' });
    mw(['--lessons', pack, 'run', 'test', '--yes'], { home });
    const [cache] = cacheFiles(home, 'lessons-');
    writeFileSync(cache!, '{"fingerprint": "');
    const run = mw(['--lessons', pack, 'run', 'test', '--yes'], { home });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('PASSED: 1 passed');
    expect(JSON.parse(readFileSync(cache!, 'utf8'))).toMatchObject({ value: { lessons: [{ lesson: { id: 'test' } }] } });
  });
});

/** The cache files of one kind (`list-`, `lint-`) in a state directory. */
function cacheFiles(home: string, prefix: string): string[] {
  const files = readdirSync(path.join(home, 'cache')).filter((name) => name.startsWith(prefix)).map((name) => path.join(home, 'cache', name));
  expect(files.length).toBeGreaterThan(0);
  return files;
}
