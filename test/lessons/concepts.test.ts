// The concepts lesson: every question has its answer among its choices, and a learner who answers
// each one right passes the lesson through the real CLI (asking on stdin, as --plain does).
import { describe, expect, it } from 'vitest';
import { loadLessonFile } from '../../src/lesson/load.js';
import { mw } from '../helpers/cli.js';

describe('the concepts lesson', () => {
  const loaded = loadLessonFile('lessons/01-concepts/lesson.yaml').lesson;
  it('loads, and names a seed section on every step', () => {
    expect(loaded?.lesson.steps.length).toBe(9);
    // The one step that needs a cluster is optional: the lesson is complete without it.
    expect(loaded?.lesson.steps.filter((step) => step.optional).map((step) => step.id)).toEqual(['proxy-status']);
    for (const step of loaded?.lesson.steps ?? []) expect(step.sources?.length ?? 0).toBeGreaterThan(0);
  });

  it('passes when each question is answered right; a wrong answer is said, and the question waits for another', () => {
    const steps = (loaded?.lesson.steps ?? []).filter((step) => step.quiz);
    // For each question, its right answer (a question is asked at once: there is nothing to run).
    const right = steps.map((step) => `${step.quiz?.answer ?? 1}\n`).join('');
    const passed = mw(['run', 'concepts'], { input: right });
    expect(passed.stdout).toMatch(/^PASSED: 8 passed, 0 failed, 1 skipped/m);
    expect(passed.status).toBe(0);
    // A wrong answer, then the right one, for each question: still every question passed, each miss said.
    const wrongThenRight = steps.map((step) => `${((step.quiz?.answer ?? 1) % (step.quiz?.choices.length ?? 2)) + 1}\n${step.quiz?.answer ?? 1}\n`).join('');
    const retried = mw(['run', 'concepts'], { input: wrongThenRight });
    expect(retried.stdout).toMatch(/^PASSED: 8 passed, 0 failed, 1 skipped/m);
    expect(retried.stderr.match(/Not quite: \d is not it\./g)).toHaveLength(8);
    // Wrong answers only, then the end of input: nothing is passed by luck; every question is left skipped.
    const wrongOnly = steps.map((step) => `${((step.quiz?.answer ?? 1) % (step.quiz?.choices.length ?? 2)) + 1}\n`).join('');
    expect(mw(['run', 'concepts'], { input: wrongOnly }).stdout).toMatch(/^PASSED: 0 passed, 0 failed, 9 skipped/m);
  });
});
