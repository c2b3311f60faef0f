/**
 * Steps watched in a replay are kept apart from steps passed, in the same progress file (format 1): the
 * workshop reads files written before replays existed, and a workshop from before replays (its parser,
 * kept as a fixture) still reads a file that holds watched steps, with its passed steps as they were.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProgress } from '../../src/progress/progress-format.js';
import { openProgress, PROGRESS_FILE } from '../../src/progress/store.js';
import { tempDir } from '../helpers/lessons.js';
import { parseProgress as parseProgressBeforeReplay } from './fixtures/progress-format-before-replay.js';

/** A progress file as the workshop wrote it before replays (a learner id, a passed step, a task done with help). */
const BEFORE_REPLAY = {
  format: 1,
  learnerId: '5f0c2a9e4b7d4e0f9a1b2c3d4e5f6a7b',
  lastLesson: 'tour',
  lessons: {
    tour: {
      vars: { POD: 'helloworld-v1-7d4b8c9f6-x2k7q' },
      steps: { hello: { status: 'passed', at: '2026-11-30T09:00:00.000Z' }, 'your-turn-shell': { status: 'passed', at: '2026-11-30T09:05:00.000Z', doneBy: 'help' } },
      current: 'your-turn-shell',
      updatedAt: '2026-11-30T09:05:00.000Z',
    },
  },
};

describe('watched steps in the progress file', () => {
  it('reads a file written before replays as it is', () => {
    expect(parseProgress(structuredClone(BEFORE_REPLAY))).toEqual(BEFORE_REPLAY);
  });

  it('keeps watched steps apart from passed ones, and an older workshop reads the file with its passed steps intact', () => {
    const home = tempDir('mw-watched-');
    const file = path.join(home, PROGRESS_FILE);
    writeFileSync(file, JSON.stringify(BEFORE_REPLAY));
    const store = openProgress(home);
    const tour = store.lesson('tour');
    store.saveLesson('tour', { ...tour, watched: { 'read-json': { verdict: 'passed', at: '2026-12-06T10:00:00.000Z', recordedAt: '2026-12-05T20:00:00.000Z' } } });

    const saved = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const now = parseProgress(saved);
    if ('problem' in now) throw new Error(now.problem);
    expect(now.lessons.tour?.steps).toEqual(BEFORE_REPLAY.lessons.tour.steps);
    expect(now.lessons.tour?.watched).toEqual({ 'read-json': { verdict: 'passed', at: '2026-12-06T10:00:00.000Z', recordedAt: '2026-12-05T20:00:00.000Z' } });
    // A watched step is not a passed one.
    expect(now.lessons.tour?.steps['read-json']).toBeUndefined();

    const older = parseProgressBeforeReplay(saved);
    if ('problem' in older) throw new Error(`an older workshop would set the file aside: ${older.problem}`);
    expect(older.lessons.tour?.steps).toEqual(BEFORE_REPLAY.lessons.tour.steps);
    expect(older.learnerId).toBe(BEFORE_REPLAY.learnerId);
  });

  it('names a watched step that is not one', () => {
    expect(parseProgress({ format: 1, lessons: { tour: { watched: { hello: { verdict: 'maybe', at: 'x', recordedAt: 'y' } } } } })).toEqual({ problem: 'lessons.tour.watched.hello.verdict should be passed or failed' });
  });
});
