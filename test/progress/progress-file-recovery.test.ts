// Safety rule: a learner can quit at any moment and resume exactly where they were; a corrupt or old-format
// progress file is reported and backed up, never silently discarded. Each case is a file a learner could have.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeStateNotices } from '../../src/files/state-file.js';
import { openProgress, PROGRESS_FILE } from '../../src/progress/store.js';
import { parseProgress } from '../../src/progress/progress-format.js';
import { tempDir } from '../helpers/lessons.js';

const step = { status: 'passed', at: '2026-01-01T00:00:00.000Z' };

describe('a progress file this version cannot use is named with the field that is wrong', () => {
  it.each([
    [[], 'the file should hold an object'],
    [null, 'the file should hold an object'],
    [{ lessons: {} }, 'format should be 1, not missing'],
    [{ format: '1', lessons: {} }, 'format should be 1, not "1"'],
    [{ format: 1, lastLesson: 3, lessons: {} }, 'lastLesson should be a string'],
    [{ format: 1, lessons: [] }, 'lessons should be an object'],
    [{ format: 1, lessons: { tour: 'done' } }, 'lessons.tour should be an object'],
    [{ format: 1, lessons: { tour: { vars: [] } } }, 'lessons.tour.vars should be an object'],
    [{ format: 1, lessons: { tour: { vars: { IP: 10 } } } }, 'lessons.tour.vars.IP should be a string'],
    [{ format: 1, lessons: { tour: { steps: { hello: null } } } }, 'lessons.tour.steps.hello should be an object'],
    [{ format: 1, lessons: { tour: { steps: { hello: { status: 'passed' } } } } }, 'lessons.tour.steps.hello.at should be a string'],
    [{ format: 1, lessons: { tour: { steps: { hello: { ...step, status: 'done' } } } } }, 'lessons.tour.steps.hello.status should be one of passed, failed, skipped, cancelled'],
    [{ format: 1, lessons: { tour: { current: 2 } } }, 'lessons.tour.current should be a string'],
    [{ format: 1, lessons: { tour: { updatedAt: false } } }, 'lessons.tour.updatedAt should be a string'],
  ])('%j', (data, problem) => {
    expect(parseProgress(data)).toEqual({ problem });
  });
});

describe('a progress file this version can use', () => {
  it('is read whole: every lesson, step, value, the current step and the last lesson', () => {
    const data = {
      format: 1,
      lastLesson: 'no-mesh',
      lessons: {
        tour: { vars: {}, steps: { hello: step, fail: { status: 'failed', at: 'x' }, skip: { status: 'skipped', at: 'y' }, stop: { status: 'cancelled', at: 'z' } } },
        'no-mesh': { vars: { IP: '172.18.0.2' }, steps: {}, current: 'curl', updatedAt: '2026-01-02T00:00:00.000Z' },
      },
    };
    expect(parseProgress(data)).toEqual(data);
  });

  it('missing parts read as empty, and nothing is invented', () => {
    expect(parseProgress({ format: 1 })).toEqual({ format: 1, lessons: {} });
    const parsed = parseProgress({ format: 1, lessons: { tour: {} } });
    expect(parsed).toEqual({ format: 1, lessons: { tour: { vars: {}, steps: {} } } });
    expect(Object.keys((parsed as unknown as { lessons: { tour: object } }).lessons.tour)).toEqual(['vars', 'steps']);
    expect(Object.keys(parseProgress({ format: 1, lessons: {} }))).toEqual(['format', 'lessons']);
  });
});

describe('opening the progress file', () => {
  it('starts a fresh file when there is none, and writes it at once', () => {
    const home = path.join(tempDir('mw-progress-'), 'state', 'nested');
    const store = openProgress(home);
    expect(store.recovered).toBeUndefined();
    expect(store.lastLesson()).toBeUndefined();
    expect(JSON.parse(readFileSync(path.join(home, PROGRESS_FILE), 'utf8'))).toEqual({ format: 1, lessons: {} });
  });

  it('an old-format file is kept aside with its content, reported, and replaced by a fresh one', () => {
    const home = tempDir('mw-progress-');
    const old = JSON.stringify({ format: 0, tour: { hello: true } });
    writeFileSync(path.join(home, PROGRESS_FILE), old);
    const store = openProgress(home);
    expect(store.recovered).toMatch(/progress\.json was not a progress file this version understands \(format should be 1, not 0\); it was kept as .*progress\.json\.corrupt-\S+ and a fresh one started$/);
    const backup = readdirSync(home).find((name) => name.startsWith(`${PROGRESS_FILE}.corrupt-`)) ?? '';
    expect(readFileSync(path.join(home, backup), 'utf8')).toBe(old);
    expect(JSON.parse(readFileSync(path.join(home, PROGRESS_FILE), 'utf8'))).toEqual({ format: 1, lessons: {} });
  });

  it('a file spoilt during a session is set aside before the save, and the learner is told', () => {
    const home = tempDir('mw-progress-');
    const store = openProgress(home);
    takeStateNotices();
    writeFileSync(path.join(home, PROGRESS_FILE), '{"format":1,"lessons":');
    store.saveLesson('tour', { vars: { N: '1' }, steps: {} });
    expect(takeStateNotices()).toEqual([expect.stringMatching(/progress\.json was not valid JSON .*; it was kept as .*progress\.json\.corrupt-\S+; this session's progress was saved in its place$/)]);
    expect(openProgress(home).lesson('tour').vars).toEqual({ N: '1' });
  });

  it('a file that cannot be opened is named, not replaced', () => {
    const home = tempDir('mw-progress-');
    const file = path.join(home, PROGRESS_FILE);
    mkdirSync(file);
    expect(() => openProgress(home)).toThrow(`cannot read ${file} (EISDIR): check its permissions, or move it away`);
    expect(statSync(file).isDirectory()).toBe(true);
  });
});

describe('saving and resetting', () => {
  it('remembers the last lesson and when each lesson was saved', () => {
    const home = tempDir('mw-progress-');
    const store = openProgress(home);
    store.saveLesson('tour', { vars: {}, steps: { hello: { status: 'passed', at: 'now' } }, current: 'hello' });
    const saved = JSON.parse(readFileSync(path.join(home, PROGRESS_FILE), 'utf8'));
    expect(saved.lastLesson).toBe('tour');
    expect(Date.parse(saved.lessons.tour.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    const again = openProgress(home);
    expect(again.lastLesson()).toBe('tour');
    expect(again.lesson('tour').current).toBe('hello');
  });

  it('reset of one lesson keeps the others, and forgets it as the last lesson', () => {
    const home = tempDir('mw-progress-');
    const store = openProgress(home);
    store.saveLesson('no-mesh', { vars: { IP: '1' }, steps: {} });
    store.saveLesson('tour', { vars: { N: '2' }, steps: {} });
    store.reset('tour');
    expect(store.lesson('tour')).toEqual({ vars: {}, steps: {} });
    expect(store.lastLesson()).toBeUndefined();
    const again = openProgress(home);
    expect(again.lesson('no-mesh').vars).toEqual({ IP: '1' });
    expect(again.lesson('tour')).toEqual({ vars: {}, steps: {} });
    expect(again.lastLesson()).toBeUndefined();
  });

  it('reset of a lesson that was not the last one keeps the last lesson', () => {
    const home = tempDir('mw-progress-');
    const store = openProgress(home);
    store.saveLesson('no-mesh', { vars: {}, steps: {} });
    store.saveLesson('tour', { vars: {}, steps: {} });
    store.reset('no-mesh');
    expect(openProgress(home).lastLesson()).toBe('tour');
  });

  it('reset of everything leaves an empty file', () => {
    const home = tempDir('mw-progress-');
    const store = openProgress(home);
    store.saveLesson('tour', { vars: { N: '2' }, steps: {} });
    store.reset();
    expect(JSON.parse(readFileSync(path.join(home, PROGRESS_FILE), 'utf8'))).toEqual({ format: 1, lessons: {} });
    expect(store.lastLesson()).toBeUndefined();
  });

  it('the file is readable JSON, one key a line, ending in a newline', () => {
    const home = tempDir('mw-progress-');
    openProgress(home).saveLesson('tour', { vars: {}, steps: {} });
    const text = readFileSync(path.join(home, PROGRESS_FILE), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": 1,');
  });
});
