// The lesson-complete view's lines, without Ink: the counts, the time, the summary and the next lesson, wrapped.
import { describe, expect, it } from 'vitest';
import { initialLessonState } from '../../src/tui/lesson-state.js';
import { lessonComplete, lessonCompleteLines, spentInLesson } from '../../src/tui/lesson-complete-lines.js';

const lesson = {
  ...initialLessonState('no-mesh', 'Two clusters and no mesh', []),
  steps: [
    { id: 'up', title: 'Up', phase: 'setup' as const, state: 'passed' as const, hints: [] },
    { id: 'a', title: 'A', phase: 'steps' as const, state: 'passed' as const, hints: [] },
    { id: 'b', title: 'B', phase: 'steps' as const, state: 'passed' as const, hints: ['x'] },
    { id: 'c', title: 'C', phase: 'steps' as const, state: 'skipped' as const, hints: [] },
    { id: 'd', title: 'D', phase: 'steps' as const, state: 'pending' as const, hints: [], optional: true },
  ],
  hintsShown: { b: 1 },
};

describe('the lesson-complete view', () => {
  it("is shown once every one of the lesson's own steps passed or was skipped (optional ones aside)", () => {
    expect(lessonComplete(lesson)).toBe(true);
    expect(lessonComplete({ steps: lesson.steps.map((step) => (step.id === 'a' ? { ...step, state: 'failed' as const } : step)) })).toBe(false);
  });

  it('counts the steps, says the time against the estimate, what it taught and what comes next, wrapped to the width', () => {
    const lines = lessonCompleteLines(
      {
        lesson,
        summary: 'Two kind clusters side by side, and why a call from one to a Service that lives only in the other fails without a mesh.',
        estimate: '25m',
        spentMs: 19 * 60_000,
        next: { title: "Traffic entry and Istio's traffic APIs", estimate: '60m', needs: 'cluster1, docker, kind, kubectl, istioctl', missing: ['Docker engine', 'istioctl 1.30.1'] },
      },
      60,
    ).map((line) => line.text);
    expect(lines.every((line) => [...line].length <= 60)).toBe(true);
    expect(lines).toContain('✓ Lesson complete: Two clusters and no mesh');
    expect(lines.join('\n')).toMatch(/^1 passed on your own · 1 done with help \(a hint or the\n {0}solution\) · 1 skipped, of 3 steps$/m);
    expect(lines).toContain('Time spent: 19m (the estimate is 25m)');
    expect(lines.join(' ')).toMatch(/What it taught: Two kind clusters side by side, .* fails +without a mesh\./);
    expect(lines).toContain("Next: Traffic entry and Istio's traffic APIs (about 60m)");
    expect(lines).toContain('Missing here: Docker engine, istioctl 1.30.1');
    expect(lines.slice(-2)).toEqual(['Enter opens it · Esc back to this lesson · Tab the lesson', 'list']);
  });

  it('works the time out from the saved results, or the run times when none are saved', () => {
    expect(spentInLesson({ a: { at: '2026-01-01T10:00:00Z' }, b: { at: '2026-01-01T10:12:30Z' } }, [{ durationMs: 2000 }])).toBe(750_000);
    expect(spentInLesson({}, [{ durationMs: 2000 }, {}])).toBe(2000);
    expect(spentInLesson({}, [])).toBeUndefined();
  });
});
