// Playing a recording without Ink: Enter plays one step and stops at its end, Space pauses, the arrows
// seek; the screen shows the step's text beside its output so far and, once it has played, its checks.
import { describe, expect, it } from 'vitest';
import type { CastEvent } from '../../src/recording/asciicast.js';
import { playerLines, type PlayerModel } from '../../src/recording/player-lines.js';
import { initialPlayerState, outputUpTo, playerReducer, playerSteps, type PlayerAction, type PlayerState } from '../../src/recording/player-state.js';

// Shaped as the recorder writes them (a marker, the prompt at the same moment, then the output).
const EVENTS: CastEvent[] = [
  { time: 0, code: 'm', data: '1. hello: Run a step' },
  { time: 0, code: 'o', data: '$ echo hi\r\n' },
  { time: 0.5, code: 'o', data: 'hi\r\n' },
  { time: 1, code: 'm', data: '2. wait: Wait for it' },
  { time: 1, code: 'o', data: '$ sleep 3; echo ready\r\n' },
  { time: 4, code: 'o', data: 'ready\r\n' },
];

const play = (state: PlayerState, ...actions: PlayerAction[]): PlayerState => actions.reduce(playerReducer, state);

describe('the player', () => {
  it('reads the steps from the markers, each up to the next', () => {
    expect(playerSteps(EVENTS, 4)).toEqual([
      { id: 'hello', title: 'Run a step', start: 0, end: 1 },
      { id: 'wait', title: 'Wait for it', start: 1, end: 4 },
    ]);
  });

  it('plays one step on Enter and stops at its end, with that step still on the screen', () => {
    let state = play(initialPlayerState(EVENTS, 1), { type: 'next-step' });
    expect(state).toMatchObject({ current: 0, playing: true, stopAt: 1 });
    state = play(state, { type: 'tick', ms: 400 });
    expect(outputUpTo(EVENTS, state.steps, 0, state.position)).toEqual(['$ echo hi']);
    state = play(state, { type: 'tick', ms: 2000 });
    expect(state).toMatchObject({ current: 0, playing: false, position: 1 });
    expect(outputUpTo(EVENTS, state.steps, 0, state.position)).toEqual(['$ echo hi', 'hi']);
    state = play(state, { type: 'next-step' }, { type: 'tick', ms: 1000 });
    expect(state).toMatchObject({ current: 1, playing: true, position: 2 });
    expect(outputUpTo(EVENTS, state.steps, 1, state.position)).toEqual(['$ sleep 3; echo ready']);
  });

  it('plays faster with --speed, pauses and goes on with Space, and seeks with the arrows', () => {
    let state = play(initialPlayerState(EVENTS, 2), { type: 'next-step' }, { type: 'next-step' }, { type: 'tick', ms: 500 });
    expect(state.position).toBe(2);
    state = play(state, { type: 'toggle-pause' }, { type: 'tick', ms: 500 });
    expect(state).toMatchObject({ playing: false, position: 2 });
    state = play(state, { type: 'seek', seconds: -5 });
    expect(state).toMatchObject({ position: 0, current: 0 });
    state = play(state, { type: 'seek', seconds: 5 });
    expect(state).toMatchObject({ position: 4, current: 1 });
    expect(play(state, { type: 'toggle-pause' }).playing).toBe(false);
  });

  it('draws REPLAY with the recording, the text beside the output, and the checks once the step has played', () => {
    const model: PlayerModel = {
      lessonId: 'tour',
      title: 'Tour',
      origin: 'recorded 2026-12-05 20:00 UTC with mesh-workshop 0.1.0',
      steps: playerSteps(EVENTS, 4),
      events: EVENTS,
      texts: new Map([['hello', 'Prints **hi**.']]),
      judged: new Map([['hello', { status: 'passed', checks: [{ label: 'contains "hi"', passed: true, expected: 'hi', actual: 'hi' }] }]]),
    };
    const midway = play(initialPlayerState(EVENTS, 1), { type: 'next-step' }, { type: 'tick', ms: 100 });
    const during = playerLines(model, midway, 100, 20);
    expect(during.header.map((line) => line.text)).toEqual(['REPLAY · tour · Tour', 'recorded 2026-12-05 20:00 UTC with mesh-workshop 0.1.0: nothing runs on this machine', 'step 1/2 · ▶ 1x · 0.1s / 4.0s', '─'.repeat(100)]);
    expect(during.left.map((line) => line.text)).toEqual(['Run a step', '', 'Prints hi.']);
    expect(during.right.map((line) => line.text)).toEqual(['$ echo hi']);
    const after = playerLines(model, play(midway, { type: 'tick', ms: 2000 }), 100, 20);
    expect(after.right.map((line) => line.text)).toEqual(['$ echo hi', 'hi', '✓ its check passes on the recorded output']);
    expect(after.sideBySide).toBe(true);
    expect(playerLines(model, midway, 60, 20).sideBySide).toBe(false);
  });
});
