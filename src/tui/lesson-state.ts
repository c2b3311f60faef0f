/**
 * What the lesson screen shows, as a reducer over the engine's events and the learner's actions. No Ink
 * here: the screen renders this state, and tests drive it with real engine events, no terminal needed.
 * Output lines are not kept here (see output-store.ts): a flood must not re-run the reducer per line.
 */
import type { Histogram } from '../checks/distribution.js';
import type { Verdict } from '../checks/evaluate.js';
import type { EngineEvent, LikelyCause, StepOutline, StepStatus, TaskDoneBy, ViewPayload } from '../engine/events.js';
import type { Quiz, View } from '../lesson/schema.js';

export type StepState = 'pending' | 'running' | StepStatus;

/**
 * The workshop looking for the cause of a failed step: while it looks (what it reads, how many of its
 * commands have ended), then what it found.
 */
export type DiagnosisView =
  | { state: 'looking'; looking: string[]; done: number; of: number }
  | { state: 'done'; causes: LikelyCause[]; durationMs: number; looking: string[]; stoppedByTimeLimit: number };

/** A step as the screen shows it: what the plan says of it, and what its last run left. */
export interface StepView extends StepOutline {
  state: StepState;
  durationMs?: number;
  exitCode?: number | null;
  reason?: string;
  logFile?: string;
  /** A question step's question (it runs no command): the screen shows it in the output's place. */
  quiz?: Quiz;
  /** For a task done: who did it (the learner, or the workshop when asked: done with help). */
  doneBy?: TaskDoneBy;
  /** After a failure: the likely causes in the clusters, or that they are being looked for. */
  diagnosis?: DiagnosisView;
}

export interface CheckView {
  index: number;
  label: string;
  state: 'running' | 'waiting' | 'passed' | 'failed';
  attempt: number;
  /** While waiting to poll again: when the next attempt starts (epoch ms). */
  retryAt?: number;
  /** The last attempt's actual value, while polling. */
  lastActual?: string;
  /** Whether the last attempt passed (a `stable` check polls on after a pass until enough in a row). */
  lastPassed?: boolean;
  /** A distribution's histogram while its calls come back, and how many of them have. */
  progress?: { histogram: Histogram; runs: number; of: number };
  verdict?: Verdict;
}

export interface LessonScreenState {
  lessonId: string;
  title: string;
  /** The lesson's own diagram, for steps without one. */
  diagram?: string;
  logDir?: string;
  steps: StepView[];
  /** The step the learner is looking at (moves with n/p, follows the running step). */
  selected: number;
  running: boolean;
  checks: Record<string, CheckView[]>;
  /** How many hint levels the learner has opened, per step. */
  hintsShown: Record<string, number>;
  solutionShown: Record<string, boolean>;
  /** Per task: what the learner typed in the workshop shell on their last visit, shown beside the verdict. */
  typed: Record<string, readonly string[]>;
  /** Per task: what the workshop found in the learner's file (after the editor, or against the reference). */
  fileNotes: Record<string, readonly string[]>;
  vars: Record<string, string>;
  /** Each step's view (a proxy-config table, a diff), rendered at the pane's width when shown. */
  views: Record<string, { view: View; payload: ViewPayload }>;
  finished?: 'passed' | 'failed' | 'cancelled' | undefined;
}

export type LessonAction =
  | EngineEvent
  | { type: 'load'; state: LessonScreenState }
  | { type: 'select-next' }
  | { type: 'select-previous' }
  | { type: 'show-hint' }
  | { type: 'show-solution' }
  | { type: 'typed'; stepId: string; commands: readonly string[] }
  | { type: 'file-notes'; stepId: string; lines: readonly string[] };

export function initialLessonState(lessonId: string, title: string, outlines: readonly StepOutline[]): LessonScreenState {
  return {
    lessonId,
    title,
    steps: outlines.map((outline) => ({ ...outline, state: 'pending' })),
    selected: 0,
    running: false,
    checks: {},
    hintsShown: {},
    solutionShown: {},
    typed: {},
    fileNotes: {},
    vars: {},
    views: {},
  };
}

function updateStep(state: LessonScreenState, stepId: string, change: (step: StepView) => StepView): LessonScreenState {
  return { ...state, steps: state.steps.map((step) => (step.id === stepId ? change(step) : step)) };
}

function updateCheck(state: LessonScreenState, stepId: string, index: number, change: (check: CheckView) => CheckView): LessonScreenState {
  const checks = state.checks[stepId] ?? [];
  return { ...state, checks: { ...state.checks, [stepId]: checks.map((check) => (check.index === index ? change(check) : check)) } };
}

/** The parts of a step that do not change from run to run. */
/** A step about to run again: what it is stays, what its last run left (time, exit code, why, log) goes. */
function freshRun(step: StepView): StepView {
  const { durationMs: _duration, exitCode: _exit, reason: _reason, logFile: _log, doneBy: _doneBy, diagnosis: _diagnosis, ...kept } = step;
  return { ...kept, state: 'pending' };
}

/** Steps whose results came from saved progress (a resumed lesson). */
export function withSavedResults(state: LessonScreenState, saved: Readonly<Record<string, { status: StepStatus; doneBy?: TaskDoneBy | undefined }>>, current?: string): LessonScreenState {
  const steps = state.steps.map((step) => {
    const result = saved[step.id];
    return result ? { ...step, state: result.status, ...(result.doneBy ? { doneBy: result.doneBy } : {}) } : step;
  });
  const done = (step: StepView | undefined): boolean => step?.state === 'passed' || step?.state === 'skipped';
  const at = current === undefined ? -1 : steps.findIndex((step) => step.id === current);
  // Back at the step the learner was on, or just after it when it was done.
  const resumeAt = at >= 0 && done(steps[at]) && at + 1 < steps.length ? at + 1 : at;
  const firstOpen = steps.findIndex((step) => !done(step));
  return { ...state, steps, selected: resumeAt >= 0 ? resumeAt : firstOpen >= 0 ? firstOpen : 0 };
}

/** The step the learner is looking at. */
export function selectedStep(state: LessonScreenState): StepView | undefined {
  return state.steps[state.selected];
}

export function lessonReducer(state: LessonScreenState, action: LessonAction): LessonScreenState {
  switch (action.type) {
    case 'load':
      return action.state;
    case 'lesson-started': {
      if (state.steps.length === 0) return { ...initialLessonState(action.lessonId, action.title, action.steps), logDir: action.logDir };
      // The TUI runs one step at a time: a run covers some of the lesson's steps; only those start afresh.
      const rerun = new Set(action.steps.map((outline) => outline.id));
      const checks = Object.fromEntries(Object.entries(state.checks).filter(([stepId]) => !rerun.has(stepId)));
      return {
        ...state,
        logDir: action.logDir,
        checks,
        finished: undefined,
        steps: state.steps.map((step) => (rerun.has(step.id) ? freshRun(step) : step)),
      };
    }
    case 'step-started': {
      const index = state.steps.findIndex((step) => step.id === action.stepId);
      // Another go: the last failure's causes go with it.
      const started = updateStep(state, action.stepId, ({ diagnosis: _diagnosis, ...step }) => ({
        ...step,
        state: 'running',
        hints: action.hints,
        ...(action.solution === undefined ? {} : { solution: action.solution }),
        ...(action.explain === undefined ? {} : { explain: action.explain }),
        ...(action.logFile === undefined ? {} : { logFile: action.logFile }),
      }));
      return { ...started, running: true, selected: index >= 0 ? index : state.selected, checks: { ...state.checks, [action.stepId]: [] } };
    }
    case 'check-started':
      return {
        ...state,
        checks: { ...state.checks, [action.stepId]: [...(state.checks[action.stepId] ?? []), { index: action.checkIndex, label: action.label, state: 'running', attempt: 1 }] },
      };
    case 'check-attempt':
      return updateCheck(state, action.stepId, action.checkIndex, (check) => ({
        ...check,
        state: 'waiting',
        attempt: action.attempt + 1,
        lastActual: action.actual,
        lastPassed: action.passed,
        ...(action.retryAt === undefined ? {} : { retryAt: action.retryAt }),
      }));
    case 'check-result':
      return updateCheck(state, action.stepId, action.checkIndex, (check) => ({
        ...check,
        state: action.verdict.passed ? 'passed' : 'failed',
        attempt: action.attempts,
        verdict: action.verdict,
      }));
    case 'check-progress':
      return updateCheck(state, action.stepId, action.checkIndex, (check) => ({ ...check, progress: { histogram: action.histogram, runs: action.runs, of: action.of } }));
    case 'step-view':
      return { ...state, views: { ...state.views, [action.stepId]: { view: action.view, payload: action.payload } } };
    case 'variable-captured':
      return { ...state, vars: { ...state.vars, [action.name]: action.value } };
    case 'step-finished':
      return {
        ...updateStep(state, action.stepId, (step) => ({
          ...step,
          state: action.status,
          durationMs: action.durationMs,
          exitCode: action.exitCode,
          ...(action.reason === undefined ? {} : { reason: action.reason }),
          ...(action.doneBy === undefined ? {} : { doneBy: action.doneBy }),
        })),
        running: false,
      };
    case 'step-diagnosis-started':
      return updateStep(state, action.stepId, (step) => ({ ...step, diagnosis: { state: 'looking', looking: action.looking, done: 0, of: 0 } }));
    case 'step-diagnosis-progress':
      return updateStep(state, action.stepId, (step) => (step.diagnosis?.state === 'looking' ? { ...step, diagnosis: { ...step.diagnosis, done: action.done, of: action.of } } : step));
    case 'step-diagnosis':
      return updateStep(state, action.stepId, (step) => ({
        ...step,
        diagnosis: { state: 'done', causes: action.causes, durationMs: action.durationMs, looking: step.diagnosis?.looking ?? [], stoppedByTimeLimit: action.facts?.stoppedByTimeLimit ?? 0 },
      }));
    case 'lesson-finished':
      return { ...state, running: false, finished: action.status };
    case 'select-next':
      return { ...state, selected: Math.min(state.selected + 1, state.steps.length - 1) };
    case 'select-previous':
      return { ...state, selected: Math.max(state.selected - 1, 0) };
    case 'show-hint': {
      const step = selectedStep(state);
      if (!step) return state;
      const shown = state.hintsShown[step.id] ?? 0;
      return { ...state, hintsShown: { ...state.hintsShown, [step.id]: Math.min(shown + 1, step.hints.length) } };
    }
    case 'show-solution': {
      const step = selectedStep(state);
      return step?.solution === undefined ? state : { ...state, solutionShown: { ...state.solutionShown, [step.id]: true } };
    }
    case 'typed':
      return { ...state, typed: { ...state.typed, [action.stepId]: action.commands } };
    case 'file-notes':
      return { ...state, fileNotes: { ...state.fileNotes, [action.stepId]: action.lines } };
    case 'output':
    case 'quiz-answered':
      return state;
  }
}

/** Whether the learner has seen every hint of the selected step, so `h` should offer the solution next. */
export function hintsExhausted(state: LessonScreenState): boolean {
  const step = selectedStep(state);
  return step !== undefined && (state.hintsShown[step.id] ?? 0) >= step.hints.length;
}
