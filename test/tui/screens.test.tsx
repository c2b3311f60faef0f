// The screens' pieces rendered at fixed sizes with ink-testing-library (no terminal needed).
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { HomeScreen, OutputPane, StepList } from '../../src/tui/screens.js';
import type { StepView } from '../../src/tui/lesson-state.js';

describe('HomeScreen', () => {
  it("lists lessons with their marks, progress, time and what is missing; the selection marked, its details below; the workshop's progress on top", () => {
    const { lastFrame, unmount } = render(
      <HomeScreen
        rows={[
          { id: 'tour', title: 'A tour of the workshop runner', estimate: '10m', glyph: '✓', done: '', needs: 'nothing', missing: [], summary: 'How steps run.', passed: 7, steps: 7, estimateMinutes: 10, spentMs: 6 * 60_000 },
          { id: 'no-mesh', title: 'No mesh', estimate: '30m', glyph: '◐', done: '3/9', needs: 'cluster1, docker, kind', missing: ['docker'], summary: 'Two clusters and why a call across fails.', passed: 3, steps: 9, estimateMinutes: 30, spentMs: 12 * 60_000 },
        ]}
        selected={1}
        width={100}
        height={14}
        notice={{ text: "✗ 2 problems ('mesh-workshop doctor' has the fixes): Docker engine, kind", tone: 'fail' }}
      />,
    );
    const lines = (lastFrame() ?? '').split('\n');
    expect(lines[1]).toBe("✗ 2 problems ('mesh-workshop doctor' has the fixes): Docker engine, kind");
    expect(lines[2]).toBe('Workshop: 10 of 16 steps done · 18m spent of 40m estimated');
    expect(lines[5]).toMatch(/^ {2}✓ A tour of the workshop runner +10m {2}needs nothing$/);
    expect(lines[6]).toMatch(/^› ◐ No mesh +3\/9 +30m {2}missing docker; needs cluster1, docker, kind$/);
    expect(lines.slice(8, 11)).toEqual(['Needs: cluster1, docker, kind', "Missing here: docker ('mesh-workshop doctor' has the fixes)", 'No mesh: Two clusters and why a call across fails.']);
    unmount();
  });

  it('at 60 columns cuts a row only between words, and shows the selected lesson whole below the list', () => {
    const needs = 'cluster1, cluster2, docker, kind, kubectl, istioctl';
    const { lastFrame, unmount } = render(
      <HomeScreen
        rows={[{ id: 'multi', title: 'Separate meshes that trust each other, over two networks', estimate: '75m', glyph: '○', done: '', needs, missing: ['Docker engine', 'istioctl 1.30.1'], summary: 'Two meshes, one root of trust.' }]}
        selected={0}
        width={60}
        height={14}
      />,
    );
    const lines = (lastFrame() ?? '').split('\n');
    const row = lines.find((line) => line.startsWith('› ○')) ?? '';
    expect(row.length).toBeLessThanOrEqual(60);
    // Cut after a whole word, never inside one.
    const words = `Separate meshes that trust each other, over two networks 75m missing Docker engine, istioctl 1.30.1; needs ${needs}`.split(/[\s,;]+/);
    for (const word of row.replace(/^› ○ /, '').replace(/…$/, '').split(/[\s,;…]+/).filter(Boolean)) expect(words).toContain(word);
    const below = lines.join('\n');
    expect(below).toMatch(/^Needs: cluster1, cluster2, docker, kind, kubectl, istioctl$/m);
    expect(below).toMatch(/^Missing here: Docker engine, istioctl 1\.30\.1 \('mesh-workshop\n {14}doctor' has the fixes\)$/m);
    expect(lines.every((line) => line.length <= 60)).toBe(true);
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
  it('shows the newest lines that fit, says how many are hidden and where the log is (its path whole), and cuts long lines', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i + 1} ${'x'.repeat(i === 49 ? 80 : 0)}`);
    const { lastFrame, unmount } = render(<OutputPane lines={lines} seen={1050} logFile="/tmp/logs/2026-12-06T05-59-56/01-flood.log" height={5} width={40} />);
    const frame = (lastFrame() ?? '').split('\n');
    expect(frame.slice(0, 2)).toEqual(['… 1048 earlier lines (all in', '  /tmp/logs/2026-12-06T05-59-56/01-flood']);
    expect(frame[2]).toBe('  .log)');
    expect(frame[3]).toBe('line 49');
    expect(frame[4]).toMatch(/^line 50 x+…$/);
    expect(frame.every((line) => line.length <= 40)).toBe(true);
    unmount();
  });
});
