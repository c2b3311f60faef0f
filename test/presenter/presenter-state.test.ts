// The presenter's state without Ink: Enter types the command out, a second Enter finishes it and runs it,
// setup sums up in one line, and a step's checks are shown only when one fails.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/checks/evaluate.js';
import { notesLines } from '../../src/presenter/notes-lines.js';
import { presenterLines, typedCommandLines } from '../../src/presenter/presenter-lines.js';
import { initialPresenterState, mayPlayRecording, presenterReducer, type PresenterAction, type PresenterState } from '../../src/presenter/presenter-state.js';

const STEPS = [
  { id: 'greet', title: 'Greet', command: 'echo hi', text: 'Say hello.' },
  { id: 'call', title: 'Call', command: 'curl x', text: 'Call it.' },
];

const reduce = (state: PresenterState, ...actions: PresenterAction[]): PresenterState => actions.reduce(presenterReducer, state);
const fresh = (setup = 0): PresenterState => initialPresenterState({ id: 'tour', title: 'Tour' }, STEPS, setup);
const failing: Verdict = { passed: false, label: 'contains "Connection refused"', expected: 'Connection refused', actual: 'Network is unreachable' };

describe('the presenter state', () => {
  it('types the command one character per tick, then asks for its run', () => {
    let state = reduce(fresh(), { type: 'enter' });
    expect(state).toMatchObject({ phase: 'typing', typed: 0, runRequest: 0 });
    state = reduce(state, { type: 'type-char' }, { type: 'type-char' });
    expect(state.typed).toBe(2);
    expect(presenterLines(state, 60, 20, { hasRecordings: false }).map((line) => line.text)).toContain('$ ec▌');
    state = reduce(state, ...Array<PresenterAction>(5).fill({ type: 'type-char' }));
    expect(state).toMatchObject({ phase: 'running', runRequest: 1 });
  });

  it('finishes the typing at once on a second Enter', () => {
    const state = reduce(fresh(), { type: 'enter' }, { type: 'type-char' }, { type: 'enter' });
    expect(state).toMatchObject({ phase: 'running', typed: 'echo hi'.length, runRequest: 1 });
  });

  it('shows the checks only when one failed, and then offers the recording', () => {
    const running = reduce(fresh(), { type: 'enter' }, { type: 'enter' });
    const passed = reduce(running, { type: 'event', event: { type: 'output', stepId: 'greet', stream: 'stdout', origin: 'step', text: 'hi' } }, { type: 'event', event: { type: 'check-result', stepId: 'greet', checkIndex: 0, verdict: { ...failing, passed: true }, attempts: 1 } }, { type: 'event', event: { type: 'step-finished', stepId: 'greet', status: 'passed', durationMs: 5, exitCode: 0, tail: [] } });
    const calm = presenterLines(passed, 60, 20, { hasRecordings: true }).map((line) => line.text);
    expect(calm).toContain('hi');
    expect(calm).toContain('✓ passed');
    expect(calm.join('\n')).not.toMatch(/expected|contains/);
    expect(mayPlayRecording(passed)).toBe(false);

    const failed = reduce(running, { type: 'event', event: { type: 'check-result', stepId: 'greet', checkIndex: 0, verdict: failing, attempts: 1 } }, { type: 'event', event: { type: 'step-finished', stepId: 'greet', status: 'failed', durationMs: 5, exitCode: 0, reason: 'a check failed', tail: [] } });
    const text = presenterLines(failed, 60, 20, { hasRecordings: true }).map((line) => line.text);
    expect(text).toEqual(expect.arrayContaining(['✗ FAILED: a check failed', '  ✗ contains "Connection refused"', '    expected: Connection refused', '    actual:   Network is unreachable']));
    expect(text.at(-1)).toContain('R: play its recording');
    expect(mayPlayRecording(failed)).toBe(true);
    const playing = reduce(failed, { type: 'recording-started', origin: 'recorded 2026-12-05 20:00 UTC' });
    expect(presenterLines(playing, 60, 20, { hasRecordings: true }).map((line) => line.text)).toContain('RECORDING, not this machine: recorded 2026-12-05 20:00 UTC');
    expect(mayPlayRecording(playing)).toBe(false);
  });

  it('ignores another step\'s events, and n/p while a step runs', () => {
    const running = reduce(fresh(), { type: 'enter' }, { type: 'enter' });
    expect(reduce(running, { type: 'event', event: { type: 'output', stepId: 'call', stream: 'stdout', origin: 'step', text: 'x' } }).output).toEqual([]);
    expect(reduce(running, { type: 'go', by: 1 }).index).toBe(0);
    expect(reduce(fresh(), { type: 'go', by: 1 }).index).toBe(1);
    expect(reduce(fresh(), { type: 'go', by: -1 }).index).toBe(0);
  });

  it('sums up the setup in one line, and says where it failed', () => {
    let state = fresh(2);
    expect(state.phase).toBe('setup');
    state = reduce(state, { type: 'setup-event', event: { type: 'step-started', stepId: 'a', index: 0, total: 1, title: 'Clusters up', phase: 'setup', hints: [] } });
    expect(presenterLines(state, 60, 10, { hasRecordings: false }).map((line) => line.text)).toContain('Setting up (1/2): Clusters up');
    state = reduce(state, { type: 'setup-event', event: { type: 'step-finished', stepId: 'a', status: 'passed', durationMs: 1, exitCode: 0, tail: [] } });
    expect(state).toMatchObject({ phase: 'setup', setup: { done: 1 } });
    const broken = reduce(state, { type: 'setup-event', event: { type: 'step-started', stepId: 'b', index: 0, total: 1, title: 'Istio in', phase: 'setup', hints: [] } }, { type: 'setup-event', event: { type: 'step-finished', stepId: 'b', status: 'failed', durationMs: 1, exitCode: 1, reason: 'the command ended with exit code 1', tail: ['no cluster'] } });
    expect(presenterLines(broken, 60, 10, { hasRecordings: false }).map((line) => line.text)).toEqual(expect.arrayContaining(['✗ Setting up failed at Istio in', '  the command ended with exit code 1', '  no cluster']));
    const done = reduce(state, { type: 'setup-event', event: { type: 'step-finished', stepId: 'b', status: 'passed', durationMs: 1, exitCode: 0, tail: [] } });
    expect(done.phase).toBe('ready');
  });

  it('types a command of several lines with a prompt each', () => {
    expect(typedCommandLines('a\nbc\n', 4, true)).toEqual(['$ a', '> bc▌']);
    expect(typedCommandLines('a\nbc\n', 5, false)).toEqual(['$ a', '> bc']);
  });
});

describe('the notes view', () => {
  it('waits for a presenter, then shows the notes of the step presented', () => {
    expect(notesLines({}, 60, 10).map((line) => line.text).join('\n')).toContain('Waiting for the presenter');
    const lines = notesLines({ position: { lessonId: 'tour', lessonTitle: 'Tour', stepTitle: 'Run a step', index: 0, total: 9 }, notes: 'Ask the room **first**.' }, 60, 10).map((line) => line.text);
    expect(lines).toEqual(expect.arrayContaining(['Run a step', 'Ask the room first.']));
    expect(lines[0]).toMatch(/^Notes · tour +step 1\/9$/);
    expect(notesLines({ position: { lessonId: 'tour', lessonTitle: 'Tour', stepTitle: 'Run a step', index: 0, total: 9 } }, 60, 10).map((line) => line.text)).toContain('No notes for this step.');
  });
});
