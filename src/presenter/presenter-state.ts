/**
 * What the presenter's screen holds, as a reducer (no Ink): the step on the screen, the command being
 * typed out, the output, and the failed checks (only those: a passing step stays calm). Setup steps run
 * first, summed up in one progress line. The screen turns keys into actions through the keymap and feeds
 * the engine's events in; it starts a step's run when `runRequest` changes.
 */
import type { Verdict } from '../checks/evaluate.js';
import { outputLines, type EngineEvent, type StepStatus } from '../engine/events.js';

export interface PresentedStep {
  id: string;
  title: string;
  command?: string;
  /** The step's text, as plain lines for a width (views/plain-markdown), read when drawn. */
  text: string;
}

export interface SetupProgress {
  total: number;
  done: number;
  current?: string;
  /** A setup step that failed: its title and why. */
  failed?: { title: string; why: string[] };
}

export interface PresenterState {
  lesson: { id: string; title: string };
  steps: PresentedStep[];
  setup: SetupProgress;
  index: number;
  /** ready: nothing run yet; typing: the command is being typed out; running; done. */
  phase: 'setup' | 'ready' | 'typing' | 'running' | 'done';
  /** Characters of the command typed so far. */
  typed: number;
  output: string[];
  failedChecks: Verdict[];
  status?: StepStatus;
  reason?: string;
  /** Counts the runs asked for: the screen starts one each time it changes. */
  runRequest: number;
  /** live: the step ran here; recording: its recording plays (R), marked with where it comes from. */
  source: 'live' | 'recording';
  recording?: string;
  /** The command as it ran in the recording (the lesson's may have changed since). */
  recordedCommand?: string;
  /** A sentence for the footer (no recording to play, say). */
  notice?: string;
}

export type PresenterAction =
  | { type: 'enter' }
  | { type: 'type-char' }
  | { type: 'go'; by: 1 | -1 }
  | { type: 'event'; event: EngineEvent }
  | { type: 'setup-event'; event: EngineEvent }
  | { type: 'recording-started'; origin: string }
  | { type: 'notice'; text: string };

const OUTPUT_KEPT = 1000;

export function initialPresenterState(lesson: { id: string; title: string }, steps: PresentedStep[], setupSteps: number): PresenterState {
  return { lesson, steps, setup: { total: setupSteps, done: 0 }, index: 0, phase: setupSteps > 0 ? 'setup' : 'ready', typed: 0, output: [], failedChecks: [], runRequest: 0, source: 'live' };
}

export function currentStep(state: PresenterState): PresentedStep | undefined {
  return state.steps[state.index];
}

function atStep(state: PresenterState, index: number): PresenterState {
  const { status: _status, reason: _reason, recording: _recording, recordedCommand: _command, notice: _notice, ...rest } = state;
  return { ...rest, index, phase: 'ready', typed: 0, output: [], failedChecks: [], source: 'live' };
}

function startRun(state: PresenterState): PresenterState {
  const { status: _status, reason: _reason, recording: _recording, recordedCommand: _command, notice: _notice, ...rest } = state;
  return { ...rest, phase: 'running', typed: currentStep(state)?.command?.length ?? 0, output: [], failedChecks: [], source: 'live', runRequest: state.runRequest + 1 };
}

function onEvent(state: PresenterState, event: EngineEvent): PresenterState {
  const step = currentStep(state);
  if (!step || ('stepId' in event && event.stepId !== step.id)) return state;
  switch (event.type) {
    case 'step-started':
      return state.source === 'recording' && event.command !== undefined ? { ...state, recordedCommand: event.command } : state;
    case 'output':
      if (event.origin !== 'step') return state;
      return { ...state, output: [...state.output, ...outputLines(event).slice(-OUTPUT_KEPT)].slice(-OUTPUT_KEPT) };
    case 'check-result':
      return event.verdict.passed ? state : { ...state, failedChecks: [...state.failedChecks, event.verdict] };
    case 'step-finished': {
      const { reason: _reason, ...rest } = state;
      return { ...rest, phase: 'done', status: event.status, ...(event.reason === undefined ? {} : { reason: event.reason }) };
    }
    default:
      return state;
  }
}

function onSetupEvent(state: PresenterState, event: EngineEvent): PresenterState {
  const { setup } = state;
  if (event.type === 'step-started') return { ...state, setup: { ...setup, current: event.title } };
  if (event.type === 'output') return state;
  if (event.type !== 'step-finished') return state;
  if (event.status === 'failed' || event.status === 'cancelled') {
    const why = [...(event.reason ? [event.reason] : []), ...event.tail.slice(-8)];
    return { ...state, setup: { ...setup, failed: { title: setup.current ?? event.stepId, why } } };
  }
  const done = setup.done + 1;
  const { current: _current, ...rest } = setup;
  return { ...state, setup: { ...rest, done }, phase: done >= setup.total ? 'ready' : 'setup' };
}

export function presenterReducer(state: PresenterState, action: PresenterAction): PresenterState {
  switch (action.type) {
    case 'enter': {
      if (state.phase === 'ready') {
        const command = currentStep(state)?.command;
        return command ? { ...state, phase: 'typing', typed: 0 } : startRun(state);
      }
      // A second Enter finishes the typing at once, and the command runs.
      if (state.phase === 'typing') return startRun(state);
      if (state.phase === 'done' && state.index < state.steps.length - 1) return atStep(state, state.index + 1);
      return state;
    }
    case 'type-char': {
      if (state.phase !== 'typing') return state;
      const length = currentStep(state)?.command?.length ?? 0;
      return state.typed + 1 >= length ? startRun(state) : { ...state, typed: state.typed + 1 };
    }
    case 'go': {
      if (state.phase === 'running' || state.phase === 'setup') return state;
      const index = Math.min(state.steps.length - 1, Math.max(0, state.index + action.by));
      return index === state.index ? state : atStep(state, index);
    }
    case 'event':
      return onEvent(state, action.event);
    case 'setup-event':
      return onSetupEvent(state, action.event);
    case 'recording-started': {
      const { notice: _notice, ...rest } = state;
      return { ...rest, phase: 'running', output: [], failedChecks: [], source: 'recording', recording: action.origin };
    }
    case 'notice':
      return { ...state, notice: action.text };
  }
}

/** Whether `R` may play the step's recording: the step failed here (live), and it is not already playing. */
export function mayPlayRecording(state: PresenterState): boolean {
  return state.phase === 'done' && state.source === 'live' && state.status === 'failed';
}
