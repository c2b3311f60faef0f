// Every bundled lesson loads, passes lint --strict, and every check in it accepts its pass examples and
// rejects its fail examples. This is what keeps a shipped check from being one that can never fail.
import { describe, expect, it } from 'vitest';
import { evaluateCheck, observedFromText } from '../../src/checks/evaluate.js';
import { loadLessonPack } from '../../src/lesson/load.js';
import { formatProblem } from '../../src/lesson/problems.js';
import { allSteps, stepChecks } from '../../src/lesson/steps.js';
import { lintPack } from '../../src/lint/lint-pack.js';
import { defaultLessonsDir } from '../../src/paths.js';

const { lessons, problems } = loadLessonPack(defaultLessonsDir());

describe('bundled lessons', () => {
  it('all load', () => {
    expect(problems.map(formatProblem)).toEqual([]);
    expect(lessons.map((l) => l.lesson.id)[0]).toBe('tour');
  });

  it('pass lint --strict', () => {
    expect(lintPack(defaultLessonsDir()).problems.map(formatProblem)).toEqual([]);
  });

  const cases = lessons.flatMap((loaded) =>
    allSteps(loaded.lesson).flatMap((step) =>
      stepChecks(step).map((check, index) => ({ name: `${loaded.lesson.id}/${step.id} check ${index + 1}`, check })),
    ),
  );

  it('have checks, every one with examples that pass and examples that fail', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const { name, check } of cases) {
      expect(check.examples?.pass.length, name).toBeGreaterThan(0);
      expect(check.examples?.fail.length, name).toBeGreaterThan(0);
    }
  });

  it.each(cases.map((c) => [c.name, c.check] as const))('%s accepts its pass examples and rejects its fail examples', (_name, check) => {
    for (const example of check.examples?.pass ?? []) {
      const verdict = evaluateCheck(check, observedFromText(example.output, example.exitCode ?? 0), example.vars ?? {});
      expect(verdict.passed, `pass example from ${example.source}: ${verdict.explanation ?? ''}`).toBe(true);
    }
    for (const example of check.examples?.fail ?? []) {
      const verdict = evaluateCheck(check, observedFromText(example.output, example.exitCode ?? 0), example.vars ?? {});
      expect(verdict.passed, `fail example from ${example.source}`).toBe(false);
      expect(verdict.explanation, `a failure explains itself (${example.source})`).toBeTruthy();
    }
  });
});
