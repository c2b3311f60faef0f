// Tasks on the lesson screen without a terminal: what s, e, a, f and Enter do on a task and on a step the
// workshop runs, what coming back from the shell does, and what the status line says.
import { describe, expect, it } from 'vitest';
import type { EngineEvent, StepOutline } from '../../src/engine/events.js';
import type { KeyPress } from '../../src/tui/keymap.js';
import { initialLessonState } from '../../src/tui/lesson-state.js';
import { statusText } from '../../src/tui/status-line.js';
import { initialWorkshopState, type WorkshopAction, type WorkshopState } from '../../src/tui/workshop-state.js';
import { checkPanelLines } from '../../src/tui/check-panel-lines.js';
import { applyActions } from '../helpers/workshop-actions.js';

const OUTLINES: StepOutline[] = [
  { id: 'greet', title: 'Write a greeting', phase: 'steps', hints: ['echo sends a line', 'echo hello mesh > greeting.txt'], solution: 'echo hello mesh > greeting.txt', task: {} },
  { id: 'route', title: 'Write the route', phase: 'steps', hints: ['a VirtualService', 'see the diff'], solution: 'cp … vs.yaml', task: { scaffold: 'tasks/vs.yaml', reference: 'tasks/solved/vs.yaml', apply: 'kubectl apply -f vs.yaml' } },
  { id: 'look', title: 'Look', phase: 'steps', command: 'kubectl get pods', hints: [] },
];

const facts = { lessonIds: ['test'], outputLines: () => 0, paneHeight: 10 };
const key = (press: KeyPress | string): WorkshopAction => ({ type: 'key', press: typeof press === 'string' ? { input: press } : press, facts });
const ENTER = key({ input: '', return: true });
const event = (e: EngineEvent): WorkshopAction => ({ type: 'engine', event: e });

function at(index: number): WorkshopState {
  const state = initialWorkshopState({ lesson: initialLessonState('test', 'Test', OUTLINES), homeSelected: 0, message: '' });
  return { ...state, lesson: { ...state.lesson, selected: index } };
}

const run = applyActions;

describe('keys on a task', () => {
  it("Enter checks the learner's work; on a step the workshop runs, Enter runs its command", () => {
    expect(run(at(0), ENTER).effects).toEqual([{ type: 'run-step', stepId: 'greet', task: 'check' }]);
    expect(run(at(2), ENTER).effects).toEqual([{ type: 'run-step', stepId: 'look' }]);
  });

  it('s opens the shell on any step; back from it a task is checked at once, with what was typed kept', () => {
    expect(run(at(2), key('s')).effects).toEqual([{ type: 'open-shell', stepId: 'look' }]);
    const opened = run(at(0), key('s'));
    expect(opened.effects).toEqual([{ type: 'open-shell', stepId: 'greet' }]);
    const back = run(opened.state, { type: 'shell-closed', stepId: 'greet', commands: ['echo hello mesh > greeting.txt', 'exit'] });
    expect(back.effects).toEqual([{ type: 'run-step', stepId: 'greet', task: 'check' }]);
    expect(back.state.message).toBe('Back from the shell: checking the task…');
    expect(back.state.lesson.typed.greet).toEqual(['echo hello mesh > greeting.txt', 'exit']);
    // Not a task, or a task done already: nothing is checked.
    expect(run(at(2), { type: 'shell-closed', stepId: 'look', commands: [] }).effects).toEqual([]);
    const done = run(at(0), event({ type: 'step-finished', stepId: 'greet', status: 'passed', durationMs: 1, exitCode: null, tail: [], doneBy: 'learner' }));
    expect(run(done.state, { type: 'shell-closed', stepId: 'greet', commands: [] }).effects).toEqual([]);
    // A shell that could not start says why, and nothing runs.
    const broken = run(at(0), { type: 'shell-closed', stepId: 'greet', commands: [], error: 'fish could not start: ENOENT' });
    expect(broken).toMatchObject({ effects: [], state: { message: 'fish could not start: ENOENT' } });
  });

  it('e edits the file of a task that has one; a applies it and checks; both say why not elsewhere', () => {
    expect(run(at(1), key('e')).effects).toEqual([{ type: 'edit-file', stepId: 'route' }]);
    expect(run(at(1), key('a')).effects).toEqual([{ type: 'run-step', stepId: 'route', task: 'apply' }]);
    expect(run(at(0), key('e'))).toMatchObject({ effects: [], state: { message: 'This task has no file to write: s opens a shell to do it in.' } });
    expect(run(at(0), key('a'))).toMatchObject({ effects: [], state: { message: 'This task has no file to apply for you: do it in the shell (s).' } });
    expect(run(at(2), key('e')).effects).toEqual([]);
  });

  it('f asks, then runs the solution for the learner; not on a step the workshop runs, nor a task done', () => {
    const asked = run(at(0), key('f'));
    expect(asked.state.confirm?.question).toBe('Have the workshop do this task for you? It runs the solution and counts as done with help.');
    expect(run(asked.state, key('n')).effects).toEqual([]);
    expect(run(asked.state, key('y')).effects).toEqual([{ type: 'run-step', stepId: 'greet', task: 'solve' }]);
    expect(run(at(2), key('f')).state.message).toBe('f does a task for you; this step runs its own command (Enter).');
    const passed = run(at(0), event({ type: 'step-finished', stepId: 'greet', status: 'passed', durationMs: 1, exitCode: null, tail: [] }));
    expect(run(passed.state, key('f')).state.message).toBe('This task is done already.');
  });

  it("the solution level of a file task compares the learner's file with the finished one", () => {
    const hinted = run(at(1), key('h'), key('h'), key('h'));
    expect(hinted.state.confirm?.question).toBe('No more hints. Show the solution?');
    expect(run(hinted.state, key('y')).effects).toEqual([{ type: 'compare-with-reference', stepId: 'route' }]);
    expect(run(at(0), key('h'), key('h'), key('h'), key('y')).effects).toEqual([]);
  });

  it('says who did a task when it passes, and what to do when it does not', () => {
    const finish = (doneBy?: 'learner' | 'help', status: 'passed' | 'failed' = 'passed') =>
      run(at(0), event({ type: 'step-finished', stepId: 'greet', status, durationMs: 1, exitCode: null, tail: [], ...(doneBy ? { doneBy } : {}) })).state;
    expect(finish('learner').message).toBe('✓ Done: your work passes every check. Enter: next step');
    expect(finish('help').message).toBe('✓ Done with help: the workshop ran the solution. Enter: next step');
    expect(finish(undefined, 'failed').message).toBe('✗ Not yet: the checks below say what is missing. s: shell · h: a hint · Enter: check again');
    expect(finish('help').lesson.steps[0]?.doneBy).toBe('help');
  });
});

describe('the status line and the check panel on a task', () => {
  it("puts the task's own keys first", () => {
    expect(statusText(at(0), 0)).toBe('Test · step 1/3 · your turn: s shell · Enter check · h hint · f do it for me · ? keys');
    expect(statusText(at(1), 0)).toBe('Test · step 2/3 · your turn: s shell · e edit the file · a apply it · Enter check · h hint · f do it for me · ? keys');
  });

  it('shows the last commands typed beside the verdict, and marks a task done with help', () => {
    const step = { ...OUTLINES[0]!, state: 'passed' as const, doneBy: 'help' as const };
    const typed = Array.from({ length: 8 }, (_, i) => `echo ${i + 1}`);
    const lines = checkPanelLines(step, [], 0, false, 60, { frame: 0, now: 0 }, { typed }).map((line) => line.text);
    expect(lines).toEqual(['Done with help: the workshop ran the solution for you.', 'You typed (the last 6 of 8):', '  $ echo 3', '  $ echo 4', '  $ echo 5', '  $ echo 6', '  $ echo 7', '  $ echo 8']);
  });
});

describe('back from the shell with the workshop kubeconfig changed', () => {
  it('says what was undone, in the panel, and checks nothing until the learner says so', () => {
    const breach = "Back from the shell: the workshop kubeconfig (/s/kubeconfig) changed: context 'prod' appeared, pointing at https://prod.example.com:6443. …";
    const back = run(at(0), { type: 'shell-closed', stepId: 'greet', commands: ['cp ~/.kube/config $KUBECONFIG'], breach });
    expect(back.effects).toEqual([]);
    expect(back.state.message).toBe("✗ Back from the shell: your change to the workshop's kubeconfig was undone (below). Enter: check");
    expect(back.state.lesson.fileNotes.greet).toEqual([breach]);
    expect(back.state.lesson.typed.greet).toEqual(['cp ~/.kube/config $KUBECONFIG']);
  });
});
