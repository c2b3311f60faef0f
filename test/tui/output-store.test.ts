import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutputStore } from '../../src/tui/output-store.js';

afterEach(() => vi.useRealTimers());

describe('output store', () => {
  it('publishes a flood of output once per interval, keeping a bounded tail', () => {
    vi.useFakeTimers();
    const store = createOutputStore({ capacity: 100, flushMs: 40 });
    let publishes = 0;
    store.subscribe(() => publishes++);
    store.handle({ type: 'step-started', stepId: 'flood', index: 0, total: 1, title: 'Flood', phase: 'steps', hints: [] });
    for (let batch = 0; batch < 1000; batch++) {
      store.handle({ type: 'output', stepId: 'flood', stream: 'stdout', origin: 'step', text: Array.from({ length: 50 }, (_, i) => `line ${batch * 50 + i}`).join('\n') });
    }
    expect(publishes).toBe(0);
    vi.advanceTimersByTime(40);
    expect(publishes).toBe(1);
    const snapshot = store.snapshot();
    expect(snapshot.seen('flood')).toBe(50_000);
    const lines = snapshot.lines('flood');
    expect(lines.length).toBe(100);
    expect(lines.at(-1)).toBe('line 49999');
    expect(snapshot.version).toBe(1);
    store.dispose();
  });
  it('a new run of a step starts its pane empty', () => {
    vi.useFakeTimers();
    const store = createOutputStore({ flushMs: 10 });
    store.handle({ type: 'output', stepId: 'a', stream: 'stdout', origin: 'step', text: 'old' });
    store.handle({ type: 'step-started', stepId: 'a', index: 0, total: 1, title: 'A', phase: 'steps', hints: [] });
    vi.advanceTimersByTime(10);
    expect(store.snapshot().lines('a')).toEqual([]);
  });
});
