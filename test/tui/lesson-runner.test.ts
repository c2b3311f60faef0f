// The TUI's step runner: one step per key, of any phase, with progress saved after each.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/events.js';
import { openProgress } from '../../src/progress/store.js';
import { createStepRunner } from '../../src/tui/lesson-runner.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';

const lesson = lessonFromYaml(`${HEADER}
setup:
  - { id: prep, title: Make the namespace, run: 'echo "namespace/demo created"', capture: { NS: { regex: 'namespace/(\\S+)' } }, check: { contains: created } }
steps:
  - { id: use, title: Use it, run: 'echo "in $NS"', check: { equals: in demo } }
cleanup:
  - { id: tidy, title: Remove it, run: 'echo "namespace/$NS deleted"', check: { contains: deleted } }
`);

describe('createStepRunner', () => {
  it('runs setup, lesson and cleanup steps one at a time, passing captures on, and saves each result', async () => {
    const home = tempDir('mw-home-');
    const progress = openProgress(home);
    const events: EngineEvent[] = [];
    const runner = createStepRunner({ lesson, home, progress, emit: (event) => events.push(event) });
    for (const id of ['prep', 'use', 'tidy']) await runner.run(id);
    const finished = events.flatMap((event) => (event.type === 'step-finished' ? [[event.stepId, event.status]] : []));
    expect(finished).toEqual([
      ['prep', 'passed'],
      ['use', 'passed'],
      ['tidy', 'passed'],
    ]);
    const started = events.flatMap((event) => (event.type === 'step-started' ? [event.phase] : []));
    expect(started).toEqual(['setup', 'steps', 'cleanup']);
    // Saved on disk: a fresh store (a restart) sees every step, the capture and where the learner is.
    const saved = openProgress(home).lesson('test');
    expect(Object.fromEntries(Object.entries(saved.steps).map(([id, step]) => [id, step.status]))).toEqual({ prep: 'passed', use: 'passed', tidy: 'passed' });
    expect(saved.vars).toEqual({ NS: 'demo' });
    expect(saved.current).toBe('tidy');
  });
});
