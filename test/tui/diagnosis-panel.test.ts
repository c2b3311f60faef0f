/**
 * The likely causes on the lesson screen: the reducer keeps them with the failed step (and drops them when
 * it runs again), and the check panel shows them under the failure — a spinner while the workshop looks,
 * then each cause with its action — keeping one `next:` line.
 */
import { describe, expect, it } from 'vitest';
import type { EngineEvent, LikelyCause } from '../../src/engine/events.js';
import { checkPanelLines } from '../../src/tui/check-panel-lines.js';
import { failureCause } from '../../src/tui/failure-cause.js';
import { initialLessonState, lessonReducer, type StepView } from '../../src/tui/lesson-state.js';

const outline = { id: 'pods', title: 'Pods run', phase: 'steps' as const, hints: ['Look at the pods.'] };
const CAUSES: LikelyCause[] = [
  { kind: 'image-pull', title: 'The image cannot be pulled (ImagePullBackOff): docker.io/istio/examples-bookinfo-details-v1:1.20.3, for sample/details-v1-7b9f6c8d5-x2kqf on kind-cluster1', detail: 'Back-off pulling image "docker.io/istio/examples-bookinfo-details-v1:1.20.3"', next: 'mesh-workshop prefetch' },
  { kind: 'context-missing', title: 'The workshop kubeconfig has no context kind-cluster2: cluster2 is not up', next: 'mesh-workshop cluster up cluster2' },
];

function afterEvents(events: EngineEvent[]): StepView {
  const state = events.reduce(lessonReducer, initialLessonState('test', 'Test', [outline]));
  const step = state.steps[0];
  if (!step) throw new Error('no step');
  return step;
}

const failed: EngineEvent[] = [
  { type: 'step-started', stepId: 'pods', index: 0, total: 1, title: 'Pods run', phase: 'steps', hints: ['Look at the pods.'], explain: 'The pods are not running yet.' },
  { type: 'step-finished', stepId: 'pods', status: 'failed', durationMs: 10, exitCode: 1, reason: 'the command ended with exit code 1', tail: [] },
  { type: 'step-diagnosis-started', stepId: 'pods', looking: ['pods', 'events', 'proxies'], clusters: ['kind-cluster1'], namespaces: ['sample', 'istio-system'], timeLimitMs: 10_000 },
];

describe('the reducer', () => {
  it('keeps the look in progress, then the causes, with the failed step', () => {
    expect(afterEvents([...failed, { type: 'step-diagnosis-progress', stepId: 'pods', done: 3, of: 9 }]).diagnosis).toEqual({ state: 'looking', looking: ['pods', 'events', 'proxies'], done: 3, of: 9 });
    const done = afterEvents([...failed, { type: 'step-diagnosis', stepId: 'pods', causes: CAUSES, durationMs: 2100, facts: { clusters: [], namespaces: [], commands: 9, stoppedByTimeLimit: 2, refused: 0, missingTools: [] } }]);
    expect(done.diagnosis).toEqual({ state: 'done', causes: CAUSES, durationMs: 2100, looking: ['pods', 'events', 'proxies'], stoppedByTimeLimit: 2 });
    expect(done.state).toBe('failed');
  });

  it('drops them when the step runs again, and when a new run starts', () => {
    const withCauses = [...failed, { type: 'step-diagnosis', stepId: 'pods', causes: CAUSES, durationMs: 2100 } as EngineEvent];
    expect(afterEvents([...withCauses, failed[0]!]).diagnosis).toBeUndefined();
    expect(afterEvents([...withCauses, { type: 'lesson-started', lessonId: 'test', title: 'Test', steps: [outline], logDir: '/tmp/l' }]).diagnosis).toBeUndefined();
  });
});

describe('the check panel', () => {
  const base: StepView = { ...outline, state: 'failed', reason: 'the command ended with exit code 1', explain: 'The pods are not running yet.' };

  it('while it looks: a spinner, what it reads, how far it is', () => {
    const lines = checkPanelLines({ ...base, diagnosis: { state: 'looking', looking: ['pods', 'events', 'proxies'], done: 3, of: 9 } }, [], 0, false, 80, { frame: 1, now: 0 });
    expect(lines.map((line) => line.text)).toEqual(['✗ the command ended with exit code 1', '⠙ Looking for the cause… (pods, events, proxies) 3 of 9', 'next: The pods are not running yet.', 'Press h for a hint.']);
    expect(lines[1]?.tone).toBe('muted');
  });

  it('then each cause with its detail and its action, before the one next: line', () => {
    const lines = checkPanelLines({ ...base, diagnosis: { state: 'done', causes: CAUSES, durationMs: 2100, looking: ['pods'], stoppedByTimeLimit: 0 } }, [], 0, false, 200, { frame: 0, now: 0 });
    expect(lines.map((line) => line.text)).toEqual([
      '✗ the command ended with exit code 1',
      'Likely causes, most likely first (found in 2.1s):',
      '  1. The image cannot be pulled (ImagePullBackOff): docker.io/istio/examples-bookinfo-details-v1:1.20.3, for sample/details-v1-7b9f6c8d5-x2kqf on kind-cluster1',
      '     Back-off pulling image "docker.io/istio/examples-bookinfo-details-v1:1.20.3"',
      '     → mesh-workshop prefetch',
      '  2. The workshop kubeconfig has no context kind-cluster2: cluster2 is not up',
      '     → mesh-workshop cluster up cluster2',
      'next: The pods are not running yet.',
      'Press h for a hint.',
    ]);
    expect(lines.filter((line) => line.text.startsWith('next:'))).toHaveLength(1);
    expect(lines[2]?.tone).toBe('fail');
    expect(lines[3]?.tone).toBe('muted');
  });

  it("wraps to the panel's width, every line within it", () => {
    for (const width of [40, 59, 71]) {
      const lines = checkPanelLines({ ...base, diagnosis: { state: 'done', causes: CAUSES, durationMs: 2100, looking: ['pods'], stoppedByTimeLimit: 1 } }, [], 0, false, width, { frame: 0, now: 0 });
      for (const line of lines) expect([...line.text].length).toBeLessThanOrEqual(width);
      expect(lines.map((line) => line.text.trim()).join(' ')).toContain('the time limit cut short 1 of its lookups');
    }
  });

  it("a cause the step's own output already names (the next: line says it) is not said twice", () => {
    const cause = failureCause(['error: context "kind-cluster2" does not exist']);
    expect(cause).toBeDefined();
    const lines = checkPanelLines({ ...base, diagnosis: { state: 'done', causes: CAUSES, durationMs: 2100, looking: ['pods'], stoppedByTimeLimit: 0 } }, [], 0, false, 200, { frame: 0, now: 0 }, { cause }).map((line) => line.text);
    expect(lines).toContain('Likely cause (found in 2.1s):');
    expect(lines.some((line) => line.includes('cluster up cluster2') && line.startsWith('     →'))).toBe(false);
    expect(lines.filter((line) => line.startsWith('next: '))).toEqual([`next: ${cause ?? ''}`]);
  });

  it('nothing found: says so, where it looked', () => {
    const lines = checkPanelLines({ ...base, diagnosis: { state: 'done', causes: [], durationMs: 900, looking: ['pods', 'events', 'proxies'], stoppedByTimeLimit: 0 } }, [], 0, false, 120, { frame: 0, now: 0 });
    expect(lines[1]).toEqual({ text: 'No likely cause found in the clusters (pods, events, proxies), 0.9s.', tone: 'muted' });
  });

  it('a step that passed shows no causes, even if some were kept', () => {
    const lines = checkPanelLines({ ...base, state: 'passed', diagnosis: { state: 'done', causes: CAUSES, durationMs: 1, looking: [], stoppedByTimeLimit: 0 } }, [], 0, false, 120, { frame: 0, now: 0 });
    expect(lines.some((line) => line.text.startsWith('Likely'))).toBe(false);
  });
});
