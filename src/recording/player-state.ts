/**
 * Playing a recording (mesh-workshop replay), as a reducer with no Ink: the playhead in the cast's own
 * seconds, whether it plays, and where it pauses by itself (the end of the step Enter started). What is
 * on the screen at any moment is derived from the playhead: the step whose marker it passed last, and
 * that step's output up to it.
 */
import type { CastEvent } from './asciicast.js';

export interface PlayerStep {
  id: string;
  title: string;
  /** Where its marker is, and where the next one is (or the recording ends), in seconds. */
  start: number;
  end: number;
}

export interface PlayerState {
  steps: readonly PlayerStep[];
  position: number;
  /** The step on the screen: the one Enter played (kept at its end), else the one the playhead is in. */
  current?: number;
  playing: boolean;
  /** Enter plays one step: the playhead stops at its end. */
  stopAt?: number;
  speed: number;
  duration: number;
}

export type PlayerAction = { type: 'tick'; ms: number } | { type: 'next-step' } | { type: 'toggle-pause' } | { type: 'seek'; seconds: number };

export const SEEK_SECONDS = 5;

/** The steps of a cast, from its markers (the workshop writes "N. id: title"), each up to the next. */
export function playerSteps(events: readonly CastEvent[], duration: number): PlayerStep[] {
  const markers = events.filter((event) => event.code === 'm');
  return markers.map((marker, index) => {
    const match = /^\d+\. ([^:]+): (.*)$/.exec(marker.data);
    return { id: match?.[1] ?? marker.data, title: match?.[2] ?? marker.data, start: marker.time, end: markers[index + 1]?.time ?? duration };
  });
}

export function initialPlayerState(events: readonly CastEvent[], speed: number): PlayerState {
  const duration = events.at(-1)?.time ?? 0;
  return { steps: playerSteps(events, duration), position: 0, playing: false, speed, duration };
}

/** The step the playhead is in (the last marker at or before it), if it has passed one. */
export function stepAt(steps: readonly PlayerStep[], position: number): number | undefined {
  let found: number | undefined;
  for (const [index, step] of steps.entries()) if (step.start <= position) found = index;
  return found;
}

function withCurrent(state: PlayerState, current: number | undefined): PlayerState {
  const { current: _current, ...rest } = state;
  return current === undefined ? rest : { ...rest, current };
}

export function playerReducer(state: PlayerState, action: PlayerAction): PlayerState {
  switch (action.type) {
    case 'tick': {
      if (!state.playing) return state;
      const limit = Math.min(state.stopAt ?? state.duration, state.duration);
      const position = Math.min(limit, state.position + (action.ms / 1000) * state.speed);
      if (position < limit) return withCurrent({ ...state, position }, stepAt(state.steps, position) ?? state.current);
      // Stopped at the end of the step Enter played: that step stays on the screen.
      const { stopAt: _stop, ...rest } = state;
      return { ...rest, position, playing: false };
    }
    case 'next-step': {
      const current = state.current;
      const step = current === undefined ? undefined : state.steps[current];
      // Paused inside a step that has not finished: play the rest of it; else the next one.
      const unfinished = step !== undefined && !state.playing && state.position > step.start && state.position < step.end;
      const index = current === undefined ? 0 : unfinished ? current : current + 1;
      const next = state.steps[index];
      if (!next) return state;
      return { ...state, current: index, position: unfinished ? state.position : next.start, playing: true, stopAt: next.end };
    }
    case 'toggle-pause': {
      if (state.playing) return { ...state, playing: false };
      if (state.position >= state.duration) return state;
      return { ...state, playing: true };
    }
    case 'seek': {
      const position = Math.max(0, Math.min(state.duration, state.position + action.seconds));
      const { stopAt, ...rest } = state;
      return withCurrent({ ...rest, position, ...(stopAt !== undefined && stopAt > position ? { stopAt } : {}) }, stepAt(state.steps, position));
    }
  }
}

/** The output of step `index` up to the playhead, as lines (the cast's "\r\n" line ends); the next step's prompt, at its marker, is the next step's. */
export function outputUpTo(events: readonly CastEvent[], steps: readonly PlayerStep[], index: number, position: number): string[] {
  const step = steps[index];
  if (!step) return [];
  const next = steps[index + 1];
  const text = events
    .filter((event) => event.code === 'o' && event.time >= step.start && event.time <= position && (next === undefined || event.time < next.start))
    .map((event) => event.data)
    .join('');
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
