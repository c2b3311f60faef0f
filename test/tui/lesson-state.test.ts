// The lesson screen's state, driven by real engine events from a real run: no terminal involved.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/events.js';
import { runLesson } from '../../src/engine/run-lesson.js';
import { hintsExhausted, initialLessonState, lessonReducer, selectedStep, type LessonScreenState } from '../../src/tui/lesson-state.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';

const LESSON = `${HEADER}
steps:
  - id: find
    title: Find the pod
    run: echo "pod/helloworld-v1-abc"
    capture: { POD: { regex: 'pod/(\\S+)' } }
    check: { contains: helloworld }
    hint: [Look at the pods., kubectl get pods]
    solution: kubectl get pods
  - id: wait
    title: Wait for it
    run: date +%s%N > "$LESSON_TMP/t0"
    check:
      run: 'if [ $(( ($(date +%s%N) - $(cat "$LESSON_TMP/t0")) / 1000000 )) -ge 300 ]; then echo ready; else echo waiting; fi'
      equals: ready
      retry: { timeout: 5s, interval: 100ms }
  - id: broken
    title: Call the other cluster
    run: 'echo "curl: (6) Could not resolve host" >&2; exit 6'
    check: { exitCode: 0 }
  - id: never
    title: Never reached
    run: echo never
`;

async function events(): Promise<EngineEvent[]> {
  const all: EngineEvent[] = [];
  await runLesson({ lesson: lessonFromYaml(LESSON), home: tempDir('mw-home-'), emit: (e) => all.push(e) });
  return all;
}

describe('lessonReducer over a real run', () => {
  it('follows the steps, checks and captures to the end', async () => {
    const all = await events();
    const states: LessonScreenState[] = [];
    let state = initialLessonState('test', 'Test', []);
    for (const event of all) {
      state = lessonReducer(state, event);
      states.push(state);
    }
    expect(state.steps.map((s) => [s.id, s.state])).toEqual([
      ['find', 'passed'],
      ['wait', 'passed'],
      ['broken', 'failed'],
      ['never', 'pending'],
    ]);
    expect(state.finished).toBe('failed');
    expect(state.running).toBe(false);
    expect(state.vars).toEqual({ POD: 'helloworld-v1-abc' });
    // The selection followed the running step to the one that failed.
    expect(selectedStep(state)?.id).toBe('broken');
    expect(state.checks.broken?.[0]).toMatchObject({ state: 'failed', verdict: { expected: 'exit code 0', actual: 'exit code 6, after:\ncurl: (6) Could not resolve host' } });
    // While polling, the check showed it was waiting, with the countdown and the last answer.
    const waiting = states.map((s) => s.checks.wait?.[0]).find((check) => check?.state === 'waiting');
    expect(waiting).toMatchObject({ lastActual: 'waiting' });
    // The next attempt's start, in absolute time, so the countdown can tick between events.
    expect(waiting?.retryAt).toBeGreaterThan(Date.now() - 60_000);
    expect(waiting?.retryAt).toBeLessThanOrEqual(Date.now() + 100);
    expect(state.checks.wait?.[0]?.state).toBe('passed');
    // Every step was running at some point, one at a time.
    expect(states.every((s) => s.steps.filter((step) => step.state === 'running').length <= 1)).toBe(true);
  });

  it('knows hints before a step runs, opens them one level at a time, then the solution', async () => {
    const all = await events();
    const started = all.find((e) => e.type === 'lesson-started');
    if (started?.type !== 'lesson-started') throw new Error('no lesson-started event');
    let state = lessonReducer(initialLessonState('test', 'Test', []), started);
    expect(selectedStep(state)?.hints).toEqual(['Look at the pods.', 'kubectl get pods']);
    expect(hintsExhausted(state)).toBe(false);
    state = lessonReducer(lessonReducer(state, { type: 'show-hint' }), { type: 'show-hint' });
    expect(state.hintsShown.find).toBe(2);
    expect(hintsExhausted(state)).toBe(true);
    state = lessonReducer(state, { type: 'show-hint' });
    expect(state.hintsShown.find).toBe(2);
    state = lessonReducer(state, { type: 'show-solution' });
    expect(state.solutionShown.find).toBe(true);
    state = lessonReducer(lessonReducer(state, { type: 'select-next' }), { type: 'select-next' });
    expect(selectedStep(state)?.id).toBe('broken');
    state = lessonReducer(state, { type: 'select-previous' });
    expect(selectedStep(state)?.id).toBe('wait');
  });
});
