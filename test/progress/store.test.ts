import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProgress, PROGRESS_FILE } from '../../src/progress/store.js';
import { tempDir } from '../helpers/lessons.js';

describe('progress store', () => {
  it('keeps captured values and step results per lesson across openings', () => {
    const home = tempDir('mw-progress-');
    const store = openProgress(home);
    expect(store.lesson('tour')).toEqual({ vars: {}, steps: {} });
    store.saveLesson('tour', { vars: { POD: 'helloworld-v1-abc' }, steps: { hello: { status: 'passed', at: '2026-11-21T00:00:00.000Z' } } });
    const again = openProgress(home);
    expect(again.recovered).toBeUndefined();
    expect(again.lesson('tour')).toMatchObject({ vars: { POD: 'helloworld-v1-abc' }, steps: { hello: { status: 'passed' } } });
  });

  it.each([
    ['a file cut short by a crash', '{"format": 1, "lessons": {"tour": {"vars": {"POD": "hel'],
    ['a format it does not know', '{"format": 7, "lessons": {}}'],
    ['something else entirely', 'not json at all'],
  ])('moves %s aside, says where, and starts fresh', (_name, content) => {
    const home = tempDir('mw-progress-');
    const file = path.join(home, PROGRESS_FILE);
    writeFileSync(file, content);
    const store = openProgress(home);
    expect(store.recovered).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')} was .*; it was kept as ${file.replace(/[.]/g, '\\.')}\\.corrupt-.* and a fresh one started$`));
    const backups = readdirSync(home).filter((name) => name.startsWith(`${PROGRESS_FILE}.corrupt-`));
    expect(backups).toHaveLength(1);
    // Nothing is lost: the old bytes are all in the backup.
    expect(readFileSync(path.join(home, backups[0] ?? ''), 'utf8')).toBe(content);
    expect(store.lesson('tour')).toEqual({ vars: {}, steps: {} });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ format: 1, lessons: {} });
  });

  it('writes atomically: no temporary file is left beside the progress file', () => {
    const home = tempDir('mw-progress-');
    const store = openProgress(home);
    for (let i = 0; i < 20; i++) store.saveLesson('tour', { vars: { N: String(i) }, steps: {} });
    expect(readdirSync(home).sort()).toEqual([PROGRESS_FILE]);
    expect(existsSync(path.join(home, PROGRESS_FILE))).toBe(true);
    expect(openProgress(home).lesson('tour').vars).toEqual({ N: '19' });
  });
});

describe('progress store under kill -9', () => {
  it('never leaves a file that cannot be read, however often the writer is killed', async () => {
    const { spawn } = await import('node:child_process');
    const home = tempDir('mw-progress-');
    const writer = path.join(home, 'writer.ts');
    writeFileSync(
      writer,
      `import { openProgress } from ${JSON.stringify(path.resolve('src/progress/store.ts'))};
const store = openProgress(process.argv[2]);
const vars = Object.fromEntries(Array.from({ length: 200 }, (_, i) => ['V' + i, 'x'.repeat(100)]));
process.stdout.write('ready\\n');
for (let i = 0; ; i++) store.saveLesson('tour', { vars: { ...vars, N: String(i) }, steps: {} });
`,
    );
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, home], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 150 + round * 70));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const store = openProgress(home);
      expect(store.recovered).toBeUndefined();
      expect(Number(store.lesson('tour').vars.N)).toBeGreaterThanOrEqual(0);
    }
  });
});
