// The workshop's reducer without a terminal: what each key does in each state, and what the status line
// says after the engine's events. Effects come back as data; nothing runs.
import { describe, expect, it } from 'vitest';
import type { EngineEvent, StepOutline } from '../../src/engine/events.js';
import type { KeyPress } from '../../src/tui/keymap.js';
import { initialLessonState } from '../../src/tui/lesson-state.js';
import { initialWorkshopState, type ScreenFacts, type WorkshopAction, type WorkshopState } from '../../src/tui/workshop-state.js';
import { applyActions } from '../helpers/workshop-actions.js';

const OUTLINES: StepOutline[] = [
  { id: 'find', title: 'Find the pod', phase: 'steps', command: 'kubectl get pods', hints: ['Look at the pods.', 'kubectl get pods'], solution: 'kubectl get pods -A' },
  { id: 'route', title: 'Route it', phase: 'steps', command: 'kubectl apply -f vs.yaml', hints: [], diagram: 'two-networks' },
  { id: 'last', title: 'Last', phase: 'steps', hints: [] },
];

const facts = (outputLines = 0, paneHeight = 10): ScreenFacts => ({ lessonIds: ['tour', 'no-mesh', 'multi'], outputLines: () => outputLines, paneHeight });

function lessonOpen(): WorkshopState {
  return initialWorkshopState({ lesson: initialLessonState('test', 'Test', OUTLINES), homeSelected: 0, message: '' });
}

const run = applyActions;

const key = (press: KeyPress | string, screen = facts()): WorkshopAction => ({ type: 'key', press: typeof press === 'string' ? { input: press } : press, facts: screen });
const event = (e: EngineEvent): WorkshopAction => ({ type: 'engine', event: e });
const finished = (stepId: string, status: 'passed' | 'failed' | 'skipped', reason?: string): WorkshopAction =>
  event({ type: 'step-finished', stepId, status, durationMs: 1, exitCode: status === 'passed' ? 0 : null, tail: [], ...(reason ? { reason } : {}) });
const started = (stepId: string): WorkshopAction => event({ type: 'step-started', stepId, index: 0, total: 3, title: stepId, phase: 'steps', hints: [] });

describe('workshopReducer: keys on the home screen', () => {
  it('moves the selection within the list and opens the selected lesson', () => {
    const home = initialWorkshopState({ homeSelected: 0, message: 'Welcome back.' });
    expect(home.screen).toBe('home');
    const down = run(home, key({ input: '', downArrow: true }), key({ input: '', downArrow: true }), key({ input: '', downArrow: true }));
    expect(down.state.homeSelected).toBe(2);
    expect(run(down.state, key({ input: '', upArrow: true }), key({ input: '', return: true })).effects).toEqual([{ type: 'open-lesson', id: 'no-mesh' }]);
    // Lesson keys mean nothing here.
    expect(run(home, key('h'), key('n'))).toEqual({ state: home, effects: [] });
  });

  it('asks each --allow-context question in turn; a no asks no more', () => {
    const contexts = [
      { name: 'room-1', from: '/u/.kube/config' },
      { name: 'room-2', from: '/u/.kube/config' },
    ];
    const asking = initialWorkshopState({ homeSelected: 0, message: '', contextsToAllow: contexts });
    expect(asking.confirm?.question).toBe("Use your context 'room-1' here? It is copied from /u/.kube/config into the workshop's kubeconfig.");
    const yes = run(asking, key('y'));
    expect(yes.effects).toEqual([{ type: 'allow-context', name: 'room-1' }]);
    expect(yes.state.confirm?.question).toMatch(/^Use your context 'room-2' here\?/);
    const no = run(asking, key('n'));
    expect(no.effects).toEqual([]);
    expect(no.state.confirm).toBeUndefined();
    expect(no.state.contextsToAsk).toEqual([]);
  });
});

describe('workshopReducer: keys on the lesson screen', () => {
  it('Enter runs the selected step; after a pass it goes on to the next step instead', () => {
    const open = { ...lessonOpen(), message: 'Welcome back.', scrollBack: 3 };
    const enter = run(open, key({ input: '', return: true }));
    expect(enter.effects).toEqual([{ type: 'run-step', stepId: 'find' }]);
    expect(enter.state).toMatchObject({ message: '', scrollBack: 0 });
    const passed = run(open, started('find'), finished('find', 'passed'));
    expect(passed.state.message).toBe('✓ Passed. Enter: next step · r: run it again');
    const next = run(passed.state, key({ input: '', return: true }));
    expect(next.effects).toEqual([]);
    expect(next.state.lesson.selected).toBe(1);
    expect(run(passed.state, key('r')).effects).toEqual([{ type: 'run-step', stepId: 'find' }]);
  });

  it('k asks first; y skips through the runner and moves on, any other key keeps the step', () => {
    const asked = run(lessonOpen(), key('k'));
    expect(asked.state.confirm?.question).toBe('Skip step 1 (Find the pod)?');
    expect(asked.effects).toEqual([]);
    // While the question is open, keys answer it and do nothing else.
    const kept = run(asked.state, key('n'));
    expect(kept.state.confirm).toBeUndefined();
    expect(kept.state.lesson.selected).toBe(0);
    expect(kept.effects).toEqual([]);
    const skipped = run(asked.state, key('y'));
    expect(skipped.effects).toEqual([{ type: 'skip-step', stepId: 'find' }]);
    expect(skipped.state.lesson.selected).toBe(1);
    // The runner's event marks it; the status line is left as it was (the learner has just said yes).
    const marked = run({ ...skipped.state, message: 'before' }, finished('find', 'skipped', 'skipped by the learner'));
    expect(marked.state.lesson.steps[0]?.state).toBe('skipped');
    expect(marked.state.message).toBe('before');
    // A step skipped otherwise (a quiz left with Esc) says so.
    expect(run(marked.state, started('route'), finished('route', 'skipped', 'skipped by the learner')).state.message).toBe('- Skipped. Enter: next step');
  });

  it('h opens hints one by one, then asks before showing the solution, then says where it is', () => {
    let { state } = run(lessonOpen(), key('h'), key('h'));
    expect(state.lesson.hintsShown.find).toBe(2);
    ({ state } = run(state, key('h')));
    expect(state.confirm?.question).toBe('No more hints. Show the solution?');
    expect(run(state, key('n')).state.lesson.solutionShown.find).toBeUndefined();
    ({ state } = run(state, key('y')));
    expect(state.lesson.solutionShown.find).toBe(true);
    expect(run(state, key('h')).state.message).toBe('The solution is shown below the checks.');
    // A step with no hints and no solution says so.
    expect(run(lessonOpen(), key('n'), key('h')).state.message).toBe('This step has no more hints.');
  });

  it('scrolls the output back from its tail, a page at a time, never past its first line', () => {
    const open = lessonOpen();
    const sixty = (press: KeyPress) => key(press, facts(60, 10));
    expect(run(open, sixty({ input: '', upArrow: true })).state.scrollBack).toBe(1);
    expect(run(open, sixty({ input: '', pageUp: true }), sixty({ input: '', pageUp: true })).state.scrollBack).toBe(18);
    const top = run(open, sixty({ input: '', home: true })).state;
    expect(top.scrollBack).toBe(51);
    expect(run(top, sixty({ input: '', upArrow: true })).state.scrollBack).toBe(51);
    expect(run(top, sixty({ input: '', pageDown: true })).state.scrollBack).toBe(42);
    expect(run(top, sixty({ input: '', end: true })).state.scrollBack).toBe(0);
    expect(run(open, sixty({ input: '', downArrow: true })).state.scrollBack).toBe(0);
    // Output shorter than the pane does not scroll.
    expect(run(open, key({ input: '', upArrow: true }, facts(5, 10))).state.scrollBack).toBe(0);
  });

  it('scrolls a picture down from its top instead, when the pane shows one', () => {
    // Step 2 has a diagram and no output yet: the pane shows the diagram.
    const onDiagram = run(lessonOpen(), key('n')).state;
    const down = run(onDiagram, key({ input: '', downArrow: true }), key({ input: '', pageDown: true }));
    expect(down.state.pictureTop).toBe(10);
    expect(down.state.scrollBack).toBe(0);
    expect(run(down.state, key({ input: '', home: true })).state.pictureTop).toBe(0);
    expect(run(onDiagram, key({ input: '', upArrow: true })).state.pictureTop).toBe(0);
  });

  it('n and p move between steps, each shown from the start; d and v say when there is nothing to switch to', () => {
    const scrolled = { ...lessonOpen(), scrollBack: 4, pictureTop: 2 };
    const next = run(scrolled, key('n')).state;
    expect(next).toMatchObject({ scrollBack: 0, pictureTop: 0 });
    expect(next.lesson.selected).toBe(1);
    expect(run(next, key('n'), key('n')).state.lesson.selected).toBe(2);
    expect(run(next, key('p'), key('p')).state.lesson.selected).toBe(0);
    expect(run(next, key('d')).state.showDiagram).toBe(true);
    expect(run(scrolled, key('d')).state.message).toBe('This step has no diagram.');
    expect(run(scrolled, key('v')).state.message).toBe('This step has no table or diff to show; its output is all there is.');
  });

  it('the status line always speaks of the selected step: n to an unrun step does not say the one left passed', async () => {
    const { statusText } = await import('../../src/tui/status-line.js');
    const passed = run(lessonOpen(), started('find'), finished('find', 'passed')).state;
    expect(statusText(passed, 0)).toBe('✓ Passed. Enter: next step · r: run it again');
    const next = run(passed, key('n')).state;
    expect(statusText(next, 0)).toBe('Test · step 2/3 · Enter run · h hint · s shell · c copy · Tab lessons · ? keys · q quit');
    // Back on the passed step, the status line says so again.
    expect(statusText(run(next, key('p')).state, 0)).toBe('Test · step 1/3 · ✓ passed · Enter next step · r run again · h hint · s shell · c copy · Tab lessons · ? keys · q quit');
    const failed = run(lessonOpen(), key('n'), started('route'), finished('route', 'failed')).state;
    expect(statusText(run(failed, key('p')).state, 0)).toMatch(/^Test · step 1\/3 · Enter run · /);
    expect(statusText(run(failed, key('p'), key('n')).state, 0)).toMatch(/^Test · step 2\/3 · ✗ not yet · h hint · r run again · /);
  });

  it('[ and ] scroll the step text a page at a time, within it; a new step shows its text from the top', () => {
    const text = (press: string) => key(press, { ...facts(), textHeight: 6, textLines: 20 });
    const down = run(lessonOpen(), text(']')).state;
    expect(down.textTop).toBe(4);
    expect(run(down, text(']'), text(']'), text(']'), text(']'), text(']')).state.textTop).toBe(15);
    expect(run(down, text('['), text('[')).state.textTop).toBe(0);
    expect(run(down, key('n')).state.textTop).toBe(0);
  });

  it('w wraps long output lines (and back); ← → scroll them sideways when cut', () => {
    const wrapped = run(lessonOpen(), key('w')).state;
    expect(wrapped.wrapOutput).toBe(true);
    expect(run(wrapped, key('w')).state.wrapOutput).toBe(false);
    const right = run(lessonOpen(), key({ input: '', rightArrow: true }), key({ input: '', rightArrow: true })).state;
    expect(right.outputLeft).toBe(40);
    expect(run(right, key({ input: '', leftArrow: true }), key({ input: '', leftArrow: true }), key({ input: '', leftArrow: true })).state.outputLeft).toBe(0);
  });

  it('a wrong answer to a question marks the choice and keeps the question; only the right one answers it', () => {
    const quiz = { question: 'Which proxy?', choices: ['nginx', 'Envoy', 'HAProxy'], answer: 2, explanation: 'Envoy.' };
    const asked = run(lessonOpen(), started('find'), { type: 'quiz-asked', quiz }).state;
    const wrong = run(asked, key('1'), key('3'), key('1'));
    expect(wrong.effects).toEqual([]);
    expect(wrong.state.quiz).toEqual(quiz);
    expect(wrong.state.quizWrong).toEqual([1, 3]);
    expect(run(wrong.state, key('2')).effects).toEqual([{ type: 'answer-quiz', choice: 2 }]);
    expect(run(wrong.state, key({ input: '', escape: true })).effects).toEqual([{ type: 'answer-quiz', choice: undefined }]);
  });

  it('the step that completes the lesson says so; Enter then shows the lesson-complete view, whose Enter opens the next lesson', () => {
    const two = initialWorkshopState({ lesson: initialLessonState('tour', 'Tour', OUTLINES.slice(0, 2)), homeSelected: 0, message: '' });
    const first = run(two, started('find'), finished('find', 'passed')).state;
    expect(first.message).toBe('✓ Passed. Enter: next step · r: run it again');
    const second = run(first, key({ input: '', return: true }), started('route'), finished('route', 'passed')).state;
    expect(second.message).toBe('✓ Passed, and the lesson is complete. Enter: how it went and what comes next');
    const complete = run(second, key({ input: '', return: true })).state;
    expect(complete.screen).toBe('complete');
    expect(run(complete, key({ input: '', escape: true })).state.screen).toBe('lesson');
    expect(run(complete, key({ input: '', return: true })).effects).toEqual([{ type: 'open-lesson', id: 'no-mesh' }]);
    expect(run(complete, key({ input: '', tab: true })).state.screen).toBe('home');
    // A pass on an earlier step, with one still to do, goes on to that step.
    expect(run(first, key({ input: '', return: true })).state.screen).toBe('lesson');
  });

  it('? shows the keys, and the next key only closes them', () => {
    const help = run(lessonOpen(), key('?')).state;
    expect(help.help).toBe(true);
    const closed = run(help, key('n'));
    expect(closed.state.help).toBe(false);
    expect(closed.state.lesson.selected).toBe(0);
    expect(closed.effects).toEqual([]);
  });

  it('q quits at once when nothing runs, and asks first while a step runs; Esc stops the step', () => {
    expect(run(lessonOpen(), key('q')).effects).toEqual([{ type: 'quit' }]);
    const running = run(lessonOpen(), started('find')).state;
    const asked = run(running, key('q'));
    expect(asked.effects).toEqual([]);
    expect(asked.state.confirm?.question).toBe('A step is running. Stop it and quit?');
    expect(run(asked.state, key('y')).effects).toEqual([{ type: 'quit' }]);
    const stop = run(running, key({ input: '', escape: true }));
    expect(stop.effects).toEqual([{ type: 'cancel-step' }]);
    expect(stop.state.message).toBe('Stopping the step and everything it started…');
    // Keys that would start or leave a step do nothing while it runs.
    expect(run(running, key('n'), key('k'), key({ input: '', return: true })).effects).toEqual([]);
  });

  it('a quiz question takes the keys until answered with a choice or Esc; its verdict stays when the step finishes', () => {
    const quiz = { question: 'Which proxy?', choices: ['nginx', 'Envoy'], answer: 2, explanation: "Istio's data plane is Envoy." };
    const asked = run(lessonOpen(), started('find'), { type: 'quiz-asked', quiz }).state;
    expect(run(asked, key('3'), key('q'), key({ input: '', escape: false })).state.quiz).toEqual(quiz);
    const answered = run(asked, key('2'));
    expect(answered.effects).toEqual([{ type: 'answer-quiz', choice: 2 }]);
    expect(answered.state.quiz).toBeUndefined();
    expect(run(asked, key({ input: '', escape: true })).effects).toEqual([{ type: 'answer-quiz', choice: undefined }]);
    const verdict = run(answered.state, event({ type: 'quiz-answered', stepId: 'find', quiz, answer: 1, correct: false }), finished('find', 'failed'));
    expect(verdict.state.message).toBe("✗ Not quite: it is 2. Istio's data plane is Envoy.");
    // The next step to finish says its own result again.
    expect(run(verdict.state, started('route'), finished('route', 'failed')).state.message).toMatch(/^✗ Not yet\./);
  });

  it('a verdict names the number the learner saw: the step list holds the question in their order, the engine event the author order', () => {
    const author = { question: 'Which proxy?', choices: ['nginx', 'Envoy', 'HAProxy'], answer: 2, explanation: 'Envoy.' };
    const shown = { ...author, choices: ['HAProxy', 'nginx', 'Envoy'], answer: 3 };
    const outlines = OUTLINES.map((outline) => (outline.id === 'find' ? { ...outline, quiz: shown } : outline));
    const open = initialWorkshopState({ lesson: initialLessonState('test', 'Test', outlines), homeSelected: 0, message: '' });
    const asked = run(open, started('find'), { type: 'quiz-asked', quiz: shown }).state;
    // The reducer compares the pressed number with the shown key: 2 (the author's key) is nginx here.
    expect(run(asked, key('2')).state.quizWrong).toEqual([2]);
    expect(run(asked, key('3')).effects).toEqual([{ type: 'answer-quiz', choice: 3 }]);
    const verdict = run(asked, event({ type: 'quiz-answered', stepId: 'find', quiz: author, answer: 1, correct: false }));
    expect(verdict.state.message).toBe('✗ Not quite: it is 3. Envoy.');
  });

  it('c asks the app to copy the command, and the command shown for copying closes on the next key', () => {
    expect(run(lessonOpen(), key('c')).effects).toEqual([{ type: 'copy-command', command: 'kubectl get pods' }]);
    // A command cut in its preview is shown whole as well.
    expect(run(lessonOpen(), key('c', { ...facts(), commandCut: true })).effects).toEqual([{ type: 'copy-command', command: 'kubectl get pods', showWhole: true }]);
    expect(run(lessonOpen(), key('n'), key('n'), key('c')).state.message).toBe('This step runs no command.');
    const shown = run(lessonOpen(), { type: 'command-copied', message: 'Sent the command…', show: 'kubectl get pods' }).state;
    expect(shown.shownCommand).toBe('kubectl get pods');
    const back = run(shown, key('n'));
    expect(back.state).toMatchObject({ shownCommand: undefined, message: '' });
    expect(back.state.lesson.selected).toBe(0);
  });

  it('x asks before forgetting the lesson; Tab goes back to the list', () => {
    const asked = run(lessonOpen(), key('x'));
    expect(asked.state.confirm?.question).toBe('Forget your progress and files in Test and start it again?');
    expect(run(asked.state, key('y')).effects).toEqual([{ type: 'reset-lesson', lessonId: 'test', title: 'Test' }]);
    expect(run(lessonOpen(), key({ input: '', tab: true })).state.screen).toBe('home');
  });
});
