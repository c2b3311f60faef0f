// The build ships list's and lint's results for the bundled lessons (dist/shipped/), so the first run after an
// install does not read every lesson. These tests run a copy of the built package, as an install would put it
// elsewhere, and plant values in its shipped results to see when they are used and when they must not be.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/lessons.js';

let app: string;
beforeEach(() => {
  app = path.join(tempDir('mw-installed-'), 'mesh-workshop');
  for (const entry of ['assets', 'bin', 'dist', 'lessons', 'schema', 'package.json']) cpSync(entry, path.join(app, entry), { recursive: true });
});

function installed(args: string[], home = tempDir('mw-fresh-home-')) {
  const result = spawnSync(process.execPath, [path.join(app, 'bin', 'mesh-workshop.js'), '--home', home, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, home };
}

function plant(kind: 'list' | 'lint', change: (text: string) => string): void {
  const file = path.join(app, 'dist', 'shipped', `${kind}.json`);
  const text = readFileSync(file, 'utf8');
  const changed = change(text);
  expect(changed).not.toBe(text);
  writeFileSync(file, changed);
}

describe('results shipped with the build', () => {
  it('exist for both commands, made from the bundled lessons', () => {
    for (const kind of ['list', 'lint']) {
      const shipped = JSON.parse(readFileSync(path.join('dist', 'shipped', `${kind}.json`), 'utf8')) as { content?: string; lessonsDir?: string; value?: unknown };
      expect(shipped.content).toMatch(/^[0-9a-f]{64}$/);
      expect(shipped.lessonsDir).toBe(path.resolve('lessons'));
      expect(shipped.value).toBeDefined();
    }
  });

  it("answer a fresh state directory's first list, with the lesson folders where this copy's lessons are", () => {
    plant('list', (text) => text.replace('"title":"A tour of the workshop runner"', '"title":"Taken from the shipped result"'));
    const first = installed(['list', '--json']);
    expect(first.status).toBe(0);
    const listings = JSON.parse(first.stdout) as { id: string; title: string; folder: string }[];
    expect(listings.find((l) => l.id === 'tour')?.title).toBe('Taken from the shipped result');
    for (const listing of listings) expect(listing.folder.startsWith(path.join(app, 'lessons'))).toBe(true);
    // Kept in the state directory: the next run reads it from there.
    expect(readdirSync(path.join(first.home, 'cache')).some((name) => name.startsWith('list-'))).toBe(true);
  });

  it('are not used once a bundled lesson file differs from what they were made from', () => {
    plant('list', (text) => text.replace('"title":"A tour of the workshop runner"', '"title":"Taken from the shipped result"'));
    appendFileSync(path.join(app, 'lessons', '00-tour', 'lesson.yaml'), '\n# a local change\n');
    const listings = JSON.parse(installed(['list', '--json']).stdout) as { id: string; title: string }[];
    expect(listings.find((l) => l.id === 'tour')?.title).toBe('A tour of the workshop runner');
  });

  it("answer lint's first run too, naming files where this copy's lessons are", () => {
    plant('lint', (text) =>
      text.replace('"problems":[]', `"problems":[{"file":${JSON.stringify(path.resolve('lessons/00-tour/lesson.yaml'))},"line":1,"col":1,"severity":"warning","message":"planted in the shipped result"}]`),
    );
    const lint = installed(['lint']);
    expect(lint.stdout).toBe(`${path.join(app, 'lessons', '00-tour', 'lesson.yaml')}:1:1: warning: planted in the shipped result\n`);
  });

  it('are not used for another lesson pack', () => {
    plant('list', (text) => text.replace('"title":"A tour of the workshop runner"', '"title":"Taken from the shipped result"'));
    const listings = JSON.parse(installed(['--lessons', path.join(app, 'lessons'), 'list', '--json']).stdout) as { id: string; title: string }[];
    expect(listings.find((l) => l.id === 'tour')?.title).toBe('Taken from the shipped result');
    const elsewhere = path.join(tempDir('mw-other-pack-'), 'lessons');
    cpSync(path.join(app, 'lessons'), elsewhere, { recursive: true });
    const other = JSON.parse(installed(['--lessons', elsewhere, 'list', '--json']).stdout) as { id: string; title: string }[];
    expect(other.find((l) => l.id === 'tour')?.title).toBe('A tour of the workshop runner');
  });
});
