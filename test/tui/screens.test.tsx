// The screens' pieces rendered at fixed sizes with ink-testing-library (no terminal needed).
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { HomeScreen, OutputPane, StepList } from '../../src/tui/screens.js';
import type { StepView } from '../../src/tui/lesson-state.js';

describe('HomeScreen', () => {
  it('lists lessons with their marks, progress, time and what is missing; the selection marked', () => {
    const { lastFrame, unmount } = render(
      <HomeScreen
        rows={[
          { id: 'tour', title: 'A tour of the workshop runner', estimate: '10m', glyph: '✓', done: '', needs: 'nothing', missing: [] },
          { id: 'no-mesh', title: 'No mesh', estimate: '30m', glyph: '◐', done: '3/9', needs: 'cluster1, docker, kind', missing: ['docker'] },
        ]}
        selected={1}
        width={100}
        height={10}
        notice={{ text: "✗ 2 problems ('mesh-workshop doctor' has the fixes): Docker engine, kind", tone: 'fail' }}
      />,
    );
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines[1]).toBe("✗ 2 problems ('mesh-workshop doctor' has the fixes): Docker engine, kind");
    lines.splice(1, 1);
    expect(lines[3]).toMatch(/^ {2}✓ A tour of the workshop runner +10m {2}needs nothing$/);
    expect(lines[4]).toMatch(/^› ◐ No mesh +3\/9 +30m {2}missing docker; {2}needs cluster1, docker, kind$/);
    unmount();
  });
});

describe('StepList', () => {
  const steps: StepView[] = ['passed', 'failed', 'running', 'pending', 'pending', 'pending'].map((state, index) => ({
    id: `s${index + 1}`,
    title: `Step ${index + 1}`,
    phase: 'steps',
    state: state as StepView['state'],
    hints: [],
  }));
  it('shows a window around the selected step, each with its mark', () => {
    const { lastFrame, unmount } = render(<StepList steps={steps} selected={4} height={3} width={30} />);
    expect((lastFrame() ?? '').split('\n')).toEqual([' ○ 4. Step 4', '›○ 5. Step 5', ' ○ 6. Step 6']);
    unmount();
    const top = render(<StepList steps={steps} selected={0} height={3} width={30} />);
    expect((top.lastFrame() ?? '').split('\n')).toEqual(['›✓ 1. Step 1', ' ✗ 2. Step 2', ' ▶ 3. Step 3']);
    top.unmount();
  });
  it('marks setup and cleanup steps, so the learner knows what they are for', () => {
    const phased: StepView[] = [
      { id: 'prep', title: 'Make the clusters', phase: 'setup', state: 'passed', hints: [] },
      { id: 'use', title: 'Call the service', phase: 'steps', state: 'pending', hints: [] },
      { id: 'tidy', title: 'Delete the route', phase: 'cleanup', state: 'pending', hints: [] },
    ];
    const { lastFrame, unmount } = render(<StepList steps={phased} selected={1} height={3} width={40} />);
    expect((lastFrame() ?? '').split('\n')).toEqual([' ✓ 1. (setup) Make the clusters', '›○ 2. Call the service', ' ○ 3. (cleanup) Delete the route']);
    unmount();
  });
});

describe('OutputPane', () => {
  it('shows the newest lines that fit, says how many are hidden and where the log is, and cuts long lines', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i + 1} ${'x'.repeat(i === 49 ? 80 : 0)}`);
    const { lastFrame, unmount } = render(<OutputPane lines={lines} seen={1050} logFile="/tmp/logs/01-flood.log" height={4} width={40} />);
    const frame = (lastFrame() ?? '').split('\n');
    expect(frame[0]).toMatch(/^… 1047 earlier lines \(all in \/tmp\/logs\//);
    expect(frame.slice(1, 3)).toEqual(['line 48', 'line 49']);
    expect(frame[3]).toMatch(/^line 50 x+…$/);
    expect(frame.every((line) => line.length <= 40)).toBe(true);
    unmount();
  });
});
