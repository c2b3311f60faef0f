import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    ['a step with a status it does not know', '{"format": 1, "lessons": {"tour": {"steps": {"hello": {"status": "maybe", "at": "x"}}}}}'],
    ['a captured value that is not text', '{"format": 1, "lessons": {"tour": {"vars": {"N": 3}}}}'],
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

  it('says which field of the file is wrong', () => {
    const home = tempDir('mw-progress-');
    writeFileSync(path.join(home, PROGRESS_FILE), '{"format": 1, "lessons": {"tour": {"steps": {"hello": {"status": "maybe", "at": "x"}}}}}');
    expect(openProgress(home).recovered).toMatch(/was not a progress file this version understands \(lessons\.tour\.steps\.hello\.status should be one of passed, failed, skipped, cancelled\)/);
    writeFileSync(path.join(home, PROGRESS_FILE), '{"format": 2}');
    expect(openProgress(home).recovered).toMatch(/\(format should be 1, not 2\)/);
    writeFileSync(path.join(home, PROGRESS_FILE), '[]');
    expect(openProgress(home).recovered).toMatch(/\(the file should hold an object\)/);
  });

  it('two workshops at once (a TUI and run --yes) keep each other\'s lessons', () => {
    const home = tempDir('mw-progress-');
    const first = openProgress(home);
    const second = openProgress(home);
    first.saveLesson('tour', { vars: {}, steps: { hello: { status: 'passed', at: '2026-11-22T00:00:00.000Z' } } });
    second.saveLesson('no-mesh', { vars: { IP: '172.18.0.2' }, steps: {} });
    first.saveLesson('tour', { vars: {}, steps: { hello: { status: 'passed', at: '2026-11-22T00:00:00.000Z' }, fail: { status: 'failed', at: '2026-11-22T00:01:00.000Z' } } });
    const both = openProgress(home);
    expect(both.lesson('no-mesh').vars).toEqual({ IP: '172.18.0.2' });
    expect(Object.keys(both.lesson('tour').steps)).toEqual(['hello', 'fail']);
    second.reset('tour');
    expect(openProgress(home).lesson('tour')).toEqual({ vars: {}, steps: {} });
    expect(openProgress(home).lesson('no-mesh').vars).toEqual({ IP: '172.18.0.2' });
  });

  it('makes the learner id (which orders the quiz choices) once, when first asked, and keeps it through saves, resets and reopenings', () => {
    const home = tempDir('mw-progress-');
    const file = path.join(home, PROGRESS_FILE);
    const store = openProgress(home);
    // Not written before a question needs it.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ format: 1, lessons: {} });
    const id = store.learnerId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(store.learnerId()).toBe(id);
    expect(JSON.parse(readFileSync(file, 'utf8')).learnerId).toBe(id);
    // A resume reads the same id; another learner's state directory has another.
    expect(openProgress(home).learnerId()).toBe(id);
    expect(openProgress(tempDir('mw-progress-')).learnerId()).not.toBe(id);
    store.saveLesson('concepts', { vars: {}, steps: { mesh: { status: 'passed', at: '2026-11-22T00:00:00.000Z' } } });
    store.reset('concepts');
    expect(openProgress(home).learnerId()).toBe(id);
    // Forgetting all progress keeps who the learner is (and so the order they saw the questions in).
    store.reset();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ format: 1, learnerId: id, lessons: {} });
  });

  it('takes the learner id another workshop made since this one read the file, and keeps it when an older one wrote the file without it', () => {
    const home = tempDir('mw-progress-');
    const file = path.join(home, PROGRESS_FILE);
    const tui = openProgress(home);
    const line = openProgress(home);
    const id = line.learnerId();
    expect(tui.learnerId()).toBe(id);
    // A workshop from before the learner id saves the file without it: the next save here puts it back.
    writeFileSync(file, JSON.stringify({ format: 1, lessons: {} }));
    tui.saveLesson('tour', { vars: {}, steps: {} });
    expect(JSON.parse(readFileSync(file, 'utf8')).learnerId).toBe(id);
  });

  it('leaves a good file as it is when opened: nothing is written until there is something to save', () => {
    const home = tempDir('mw-progress-');
    const file = path.join(home, PROGRESS_FILE);
    const written = '{"format":1,"lastLesson":"tour","lessons":{}}';
    writeFileSync(file, written);
    const store = openProgress(home);
    expect(store.lastLesson()).toBe('tour');
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  it("keeps this session's learner id, the lesson the learner was in when the id is made, and a save keeps another workshop's id", () => {
    const home = tempDir('mw-progress-');
    const file = path.join(home, PROGRESS_FILE);
    writeFileSync(file, JSON.stringify({ format: 1, lastLesson: 'concepts', lessons: {} }));
    const store = openProgress(home);
    const id = store.learnerId();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ format: 1, learnerId: id, lastLesson: 'concepts', lessons: {} });
    // Once known, the session's id is the one it uses, whatever the file says later.
    writeFileSync(file, JSON.stringify({ format: 1, learnerId: 'another-id-0001', lessons: {} }));
    expect(store.learnerId()).toBe(id);
    // A session that never asked for one saves without taking the file's id away.
    const other = tempDir('mw-progress-');
    const quiet = openProgress(other);
    writeFileSync(path.join(other, PROGRESS_FILE), JSON.stringify({ format: 1, learnerId: 'made-elsewhere-01', lessons: {} }));
    quiet.saveLesson('tour', { vars: {}, steps: {} });
    expect(JSON.parse(readFileSync(path.join(other, PROGRESS_FILE), 'utf8'))).toMatchObject({ learnerId: 'made-elsewhere-01', lastLesson: 'tour' });
  });

  it('forgets the lesson the learner was in when that lesson is reset, and keeps it when another is', () => {
    const home = tempDir('mw-progress-');
    const store = openProgress(home);
    store.saveLesson('tour', { vars: {}, steps: {} });
    store.reset('concepts');
    expect(openProgress(home).lastLesson()).toBe('tour');
    store.reset('tour');
    expect(openProgress(home).lastLesson()).toBeUndefined();
  });

  it('reads a learner id as the file gives it, and refuses one that is not one', () => {
    const home = tempDir('mw-progress-');
    const file = path.join(home, PROGRESS_FILE);
    writeFileSync(file, JSON.stringify({ format: 1, learnerId: 'room-1_seat-07', lessons: {} }));
    const store = openProgress(home);
    expect(store.recovered).toBeUndefined();
    expect(store.learnerId()).toBe('room-1_seat-07');
    for (const bad of [7, '', 'short', 'has space in it', 'x'.repeat(129)]) {
      writeFileSync(file, JSON.stringify({ format: 1, learnerId: bad, lessons: {} }));
      expect(openProgress(home).recovered, JSON.stringify(bad)).toMatch(/\(learnerId should be 8 to 128 letters, digits, - or _\)/);
    }
  });

  it('writes atomically: no temporary file is left beside the progress file', () => {
    const home = tempDir('mw-progress-');
    const store = openProgress(home);
    for (let i = 0; i < 20; i++) store.saveLesson('tour', { vars: { N: String(i) }, steps: {} });
    expect(readdirSync(home).sort()).toEqual([PROGRESS_FILE]);
    expect(existsSync(path.join(home, PROGRESS_FILE))).toBe(true);
    expect(openProgress(home).lesson('tour').vars).toEqual({ N: '19' });
  });

  it('replaces the file whole: a reader that opened it before a save still reads the old file, complete', () => {
    const home = tempDir('mw-progress-');
    const store = openProgress(home);
    store.saveLesson('tour', { vars: { N: 'old' }, steps: {} });
    const file = path.join(home, PROGRESS_FILE);
    const before = readFileSync(file, 'utf8');
    const reader = openSync(file, 'r');
    try {
      store.saveLesson('tour', { vars: { N: 'new'.repeat(2000) }, steps: {} });
      // A write in place (truncate, then write) would show this reader the new text, or half of it.
      expect(readFileSync(reader, 'utf8')).toBe(before);
      expect(openProgress(home).lesson('tour').vars.N).toBe('new'.repeat(2000));
    } finally {
      closeSync(reader);
    }
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
