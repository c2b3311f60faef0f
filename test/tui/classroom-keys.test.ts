// The classroom's keys in the workshop's reducer: only once joined (--classroom), each an effect the app
// carries out through the classroom reporter; hints and the solution taken are told too.
import { describe, expect, it } from 'vitest';
import type { StepOutline } from '../../src/engine/events.js';
import { actionForKey, helpLines } from '../../src/tui/keymap.js';
import { initialLessonState } from '../../src/tui/lesson-state.js';
import { initialWorkshopState, type WorkshopAction, type WorkshopState } from '../../src/tui/workshop-state.js';
import { carryOut, type EffectDeps } from '../../src/tui/workshop-effects.js';
import { applyActions } from '../helpers/workshop-actions.js';

const OUTLINES: StepOutline[] = [{ id: 'find', title: 'Find the pod', phase: 'steps', command: 'kubectl get pods', hints: ['Look at the pods.'], solution: 'kubectl get pods -A' }];
const facts = { lessonIds: ['tour'], outputLines: () => 0, paneHeight: 10 };
const key = (input: string): WorkshopAction => ({ type: 'key', press: { input }, facts });
const lesson = (classroom: boolean): WorkshopState => initialWorkshopState({ lesson: initialLessonState('tour', 'Tour', OUTLINES), homeSelected: 0, message: '', classroom });

describe('classroom keys', () => {
  it('mean nothing outside a classroom, and are not listed there', () => {
    const state = lesson(false);
    expect(applyActions(state, key('!'), key('i'))).toEqual({ state, effects: [] });
    expect(helpLines('lesson').join('\n')).toContain("j              join the instructor's classroom");
    expect(actionForKey({ input: '!' }, { screen: 'lesson', running: false })).toBeUndefined();
    expect(helpLines('lesson').join('\n')).not.toMatch(/^(!|i) /m);
    expect(helpLines('lesson', true).join('\n')).toMatch(/^! .*raise your hand/m);
  });

  it('! raises the hand and lowers it, saying so; i shares the failure', () => {
    const up = applyActions(lesson(true), key('!'));
    expect(up.effects).toEqual([{ type: 'classroom-hand', raised: true }]);
    expect(up.state.message).toMatch(/^✋ Hand raised/);
    const down = applyActions(up.state, key('!'));
    expect(down.effects).toEqual([{ type: 'classroom-hand', raised: false }]);
    expect(down.state.classroom).toEqual({ handRaised: false });
    expect(applyActions(lesson(true), key('i')).effects).toEqual([{ type: 'classroom-share' }]);
    // A raised hand goes up from the lesson list too, and while a step runs.
    expect(actionForKey({ input: '!' }, { screen: 'home', running: false, classroom: true })).toBe('raise-hand');
    expect(actionForKey({ input: '!' }, { screen: 'lesson', running: true, classroom: true })).toBe('raise-hand');
  });

  it('tells the classroom of each hint and of the solution taken', () => {
    const hinted = applyActions(lesson(true), key('h'));
    expect(hinted.effects).toEqual([{ type: 'classroom-help', stepId: 'find', level: 1 }]);
    const asked = applyActions(hinted.state, key('h'));
    const solved = applyActions(asked.state, key('y'));
    expect(solved.effects).toEqual([{ type: 'classroom-help', stepId: 'find', level: 'solution' }]);
    // Not in a classroom: nothing told.
    expect(applyActions(lesson(false), key('h')).effects).toEqual([]);
  });

  it('carries the effects out through the reporter, and says whether there was a failure to share', () => {
    const calls: string[] = [];
    const said: string[] = [];
    const deps = {
      classroom: {
        raiseHand: (raised: boolean) => calls.push(`hand ${raised}`),
        shareFailure: () => (calls.push('share'), calls.length > 2),
        hintTaken: (stepId: string, level: number) => calls.push(`hint ${stepId} ${level}`),
        solutionTaken: (stepId: string) => calls.push(`solution ${stepId}`),
      },
      lessons: { current: () => undefined },
    } as unknown as EffectDeps;
    const dispatch = (action: WorkshopAction): void => void (action.type === 'say' && said.push(action.message));
    carryOut({ type: 'classroom-hand', raised: true }, dispatch, deps);
    carryOut({ type: 'classroom-share' }, dispatch, deps);
    carryOut({ type: 'classroom-share' }, dispatch, deps);
    carryOut({ type: 'classroom-help', stepId: 'find', level: 2 }, dispatch, deps);
    carryOut({ type: 'classroom-help', stepId: 'find', level: 'solution' }, dispatch, deps);
    expect(calls).toEqual(['hand true', 'share', 'share', 'hint find 2', 'solution find']);
    expect(said).toEqual(['No failure to share yet: i shares the last failed check.', "Shared with the instructor: the failed check's texts and the step's output."]);
  });
});

describe('j: joining a classroom from the screen', () => {
  const type = (text: string): WorkshopAction[] => [...text].map((char) => key(char));
  const enter: WorkshopAction = { type: 'key', press: { input: '', return: true }, facts };

  it('asks for the address, the code and the name in the status line, then joins', () => {
    let { state } = applyActions(lesson(false), key('j'));
    expect(state.joinForm).toEqual({ field: 0, values: ['', '', ''] });
    ({ state } = applyActions(state, ...type('http://10.0.0.5:7777'), enter, ...type('k7pm2q'), enter, ...type('Ada'), { type: 'key', press: { input: '', delete: true }, facts }, ...type('a')));
    expect(state.joinForm).toEqual({ field: 2, values: ['http://10.0.0.5:7777', 'k7pm2q', 'Ada'] });
    const joined = applyActions(state, enter);
    expect(joined.effects).toEqual([{ type: 'classroom-join', join: { url: 'http://10.0.0.5:7777', code: 'K7PM2Q', name: 'Ada' } }]);
    expect(joined.state.classroom).toEqual({ handRaised: false });
    expect(joined.state.joinForm).toBeUndefined();
    // Joined: ! works now, and j asks to leave.
    expect(applyActions(joined.state, key('!')).effects).toEqual([{ type: 'classroom-hand', raised: true }]);
    const asked = applyActions(joined.state, key('j'));
    expect(asked.state.confirm?.question).toMatch(/^Leave the classroom\?/);
    const left = applyActions(asked.state, key('y'));
    expect(left.effects).toEqual([{ type: 'classroom-leave' }]);
    expect(left.state.classroom).toBeUndefined();
  });

  it('goes back to the field that is wrong, naming it; Esc leaves the form; control characters are not typed', () => {
    let { state } = applyActions(lesson(false), key('j'), ...type('ftp://x'), enter, ...type('ABC123'), enter, key('\u001b[31m'), ...type('Bo'));
    expect(state.joinForm?.values[2]).toBe('Bo');
    ({ state } = applyActions(state, enter));
    expect(state.joinForm).toMatchObject({ field: 0, problem: 'address ftp://x: an http:// or https:// address' });
    expect(state.classroom).toBeUndefined();
    // Keys that mean something elsewhere are typed here: q does not quit.
    const typed = applyActions(state, key('q'));
    expect(typed.effects).toEqual([]);
    expect(typed.state.joinForm?.values[0]).toBe('ftp://xq');
    expect(applyActions(state, { type: 'key', press: { input: '', escape: true }, facts }).state.joinForm).toBeUndefined();
  });
});
