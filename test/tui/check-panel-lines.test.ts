import { describe, expect, it } from 'vitest';
import { histogramOf } from '../../src/checks/distribution.js';
import { checkPanelLines } from '../../src/tui/check-panel-lines.js';
import type { CheckView, StepView } from '../../src/tui/lesson-state.js';

const step: StepView = { id: 'split', title: 'Split', phase: 'steps', state: 'running', hints: ['Look at the weights.', 'kubectl get vs -o yaml'], solution: 'kubectl apply -f split.yaml' };
const histogram = histogramOf(['v1', 'v1', 'v2'], { extract: /(v\d)/, expect: { v1: 50, v2: 50 }, tolerance: 15, minSamples: 1 });

describe('checkPanelLines', () => {
  it('shows a polling check with its spinner, countdown and the histogram so far', () => {
    const polling: CheckView = { index: 0, label: 'distribution v1=50 v2=50 ±15', state: 'running', attempt: 1, progress: { histogram, runs: 3, of: 100 } };
    const lines = checkPanelLines(step, [polling], 0, false, 60, { frame: 0, now: 0 }).map((line) => line.text);
    expect(lines[0]).toBe('⠋ distribution v1=50 v2=50 ±15');
    expect(lines[1]).toBe('    3 of 100 calls back');
    expect(lines[2]).toMatch(/^ {4}v1 █+░+ {2}67% \(want 50±15\) ✗$/);
    expect(lines.every((line) => line.length <= 60)).toBe(true);
    const waiting: CheckView = { index: 0, label: 'equals "ready"', state: 'waiting', attempt: 3, retryAt: 10_000, lastActual: 'waiting', lastPassed: false };
    expect(checkPanelLines(step, [waiting], 0, false, 60, { frame: 1, now: 9_000 })[0]?.text).toBe('⠙ equals "ready" — not yet (attempt 3), again in 1.0s');
    // The countdown ticks with the clock, and never goes below zero.
    expect(checkPanelLines(step, [waiting], 0, false, 60, { frame: 2, now: 9_700 })[0]?.text).toBe('⠹ equals "ready" — not yet (attempt 3), again in 0.3s');
    expect(checkPanelLines(step, [waiting], 0, false, 60, { frame: 3, now: 10_500 })[0]?.text).toMatch(/again in 0\.0s$/);
  });

  it('on failure: expected, actual, why, the next action, the hints opened, then the solution', () => {
    const failed: CheckView = { index: 0, label: 'contains "Hello version"', state: 'failed', attempt: 1, verdict: { passed: false, label: 'contains "Hello version"', expected: 'Hello version', actual: 'no healthy upstream', explanation: 'the output does not contain "Hello version"' } };
    const lines = checkPanelLines({ ...step, state: 'failed', explain: 'Apply the route first.' }, [failed], 1, true, 80, { frame: 0, now: 0 });
    expect(lines.map((line) => line.text)).toEqual([
      '✗ contains "Hello version"',
      '    expected: Hello version',
      '    actual:   no healthy upstream',
      '    why:      the output does not contain "Hello version"',
      'next: Apply the route first.',
      'hint 1: Look at the weights.',
      'solution: kubectl apply -f split.yaml',
      'Press h for a hint.',
    ]);
    expect(lines[0]?.tone).toBe('fail');
  });

  it('wraps hints, the next line, failure reasons and the solution at word boundaries to the panel, at every width', () => {
    // The tour's step 2, failed, with both hints open: at 120 columns the panel is 71 wide.
    const tour: StepView = {
      ...step,
      state: 'failed',
      reason: 'the command exited 0 and printed nothing, where a refused connection was expected on 127.0.0.1:9',
      explain: 'The connection did not fail as expected; free port 9 or ask your instructor.',
      hints: ['This step is meant to fail; its check looks for the failure.', 'If it did not fail, something listens on 127.0.0.1:9 on your machine (`ss -ltn` shows it).'],
      solution: 'exec 3<>/dev/tcp/127.0.0.1/9   # expect "Connection refused" and a non-zero exit code',
    };
    for (const width of [40, 59, 71, 80, 100, 120]) {
      const lines = checkPanelLines(tour, [], 2, true, width, { frame: 0, now: 0 }).map((line) => line.text);
      expect(lines.every((line) => [...line].length <= width), `width ${width}: ${lines.join(' | ')}`).toBe(true);
      const read = lines.join(' ').replace(/\s+/g, ' ');
      expect(read).toContain('(`ss -ltn` shows it).');
      expect(read).toContain('free port 9 or ask your instructor.');
      expect(read).toContain('refused connection was expected on 127.0.0.1:9');
      expect(read).toContain('and a non-zero exit code');
    }
    expect(checkPanelLines(tour, [], 2, false, 71, { frame: 0, now: 0 }).map((line) => line.text)).toEqual([
      '✗ the command exited 0 and printed nothing, where a refused connection',
      '  was expected on 127.0.0.1:9',
      'next: The connection did not fail as expected; free port 9 or ask your',
      '      instructor.',
      'hint 1: This step is meant to fail; its check looks for the failure.',
      'hint 2: If it did not fail, something listens on 127.0.0.1:9 on your',
      '        machine (`ss -ltn` shows it).',
    ]);
  });
});
