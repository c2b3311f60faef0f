/**
 * Runs one step of a lesson through the engine, or skips it, and records progress after either: the TUI's
 * side of the engine, and the one place the TUI writes a step's result. No Ink here; the screen passes in
 * where events go.
 */
import type { EngineEvent, StepStatus, TaskDoneBy } from '../engine/events.js';
import type { EngineHooks, Interaction, TaskChoice } from '../engine/run-lesson.js';
import type { LoadedLesson } from '../lesson/load.js';
import type { ProgressStore } from '../progress/store.js';

/** The reason a step skipped with `s` carries (the engine's own words for a step the learner skips). */
export const SKIPPED_BY_LEARNER = 'skipped by the learner';

export interface StepRunner {
  /**
   * Run one step; resolves when it has finished (or was cancelled). A task is checked, applied and
   * checked, or solved for the learner, as `task` says (default: checked).
   */
  run(stepId: string, task?: Extract<TaskChoice, 'check' | 'apply' | 'solve'>): Promise<void>;
  /**
   * Mark a step skipped without running it: emits its `step-finished` and records it. False (and nothing
   * done) while a step runs, since that step's result is still to come.
   */
  skip(stepId: string): boolean;
  /** Stop the running step and everything it started. */
  cancel(): void;
  /** Stop it and wait until its process group has ended (for quitting). */
  stop(): Promise<void>;
  readonly running: boolean;
}

export function createStepRunner(options: {
  lesson: LoadedLesson;
  home: string;
  progress: ProgressStore;
  emit: (event: EngineEvent) => void;
  hooks?: EngineHooks;
  /** How a quiz step asks the learner (the screen shows the question and waits for a number). */
  answerQuiz?: Interaction['answerQuiz'];
  /** A folder of recordings: each step is replayed from its recording (nothing runs), and kept as watched. */
  replayFrom?: string;
}): StepRunner {
  const { lesson, progress } = options;
  const lessonId = lesson.lesson.id;
  let controller: AbortController | undefined;
  let current: Promise<void> = Promise.resolve();

  /** Saves the results of one run or skip over what is saved, with the step as where the learner is. */
  function record(stepId: string, results: Readonly<Record<string, { status: StepStatus; doneBy?: TaskDoneBy | undefined }>>, vars?: Record<string, string>): void {
    const saved = progress.lesson(lessonId);
    const at = new Date().toISOString();
    const steps = { ...saved.steps, ...Object.fromEntries(Object.entries(results).map(([id, { status, doneBy }]) => [id, { status, at, ...(doneBy ? { doneBy } : {}) }])) };
    progress.saveLesson(lessonId, { ...saved, ...(vars ? { vars } : {}), steps, current: stepId });
  }

  /** A replayed step is watched, not passed: progress keeps it apart (steps stay as they were). */
  function recordWatched(stepId: string, status: StepStatus, recordedAt: string | undefined): void {
    if ((status !== 'passed' && status !== 'failed') || recordedAt === undefined) return;
    const saved = progress.lesson(lessonId);
    progress.saveLesson(lessonId, { ...saved, watched: { ...saved.watched, [stepId]: { verdict: status, at: new Date().toISOString(), recordedAt } }, current: stepId });
  }

  async function replayStep(stepId: string, own: AbortController, dir: string): Promise<void> {
    try {
      const { replayStep: replay } = await import('../recording/replay-step.js');
      let recordedAt: string | undefined;
      await replay({
        dir,
        lesson,
        stepId,
        signal: own.signal,
        ...(options.answerQuiz ? { answerQuiz: options.answerQuiz } : {}),
        emit: (event) => {
          if (event.type === 'lesson-started') recordedAt = event.replay?.recordedAt;
          if (event.type === 'step-finished' && event.stepId === stepId) recordWatched(stepId, event.status, recordedAt);
          options.emit(event);
        },
      });
    } finally {
      controller = undefined;
    }
  }

  async function runStep(stepId: string, own: AbortController, task: TaskChoice): Promise<void> {
    const results: Record<string, { status: StepStatus; doneBy?: TaskDoneBy | undefined }> = {};
    try {
      // The engine loads on the first run, not before the first frame.
      const { runLesson } = await import('../engine/run-lesson.js');
      const outcome = await runLesson({
        lesson,
        home: options.home,
        only: stepId,
        vars: progress.lesson(lessonId).vars,
        signal: own.signal,
        ...(options.hooks ? { hooks: options.hooks } : {}),
        // One run per key: the task is done as the key said, and a failed check leaves it for the next key.
        interaction: { ...(options.answerQuiz ? { answerQuiz: options.answerQuiz } : {}), awaitTask: (_outline, attempt) => Promise.resolve(attempt === 1 ? task : 'leave') },
        emit: (event) => {
          if (event.type === 'step-finished') results[event.stepId] = { status: event.status, doneBy: event.doneBy };
          options.emit(event);
        },
      });
      record(stepId, results, outcome.vars);
    } finally {
      controller = undefined;
    }
  }

  return {
    get running() {
      return controller !== undefined;
    },
    run(stepId, task = 'check') {
      if (controller) return current;
      controller = new AbortController();
      current = options.replayFrom === undefined ? runStep(stepId, controller, task) : replayStep(stepId, controller, options.replayFrom);
      return current;
    },
    skip(stepId) {
      if (controller) return false;
      options.emit({ type: 'step-finished', stepId, status: 'skipped', durationMs: 0, exitCode: null, reason: SKIPPED_BY_LEARNER, tail: [] });
      record(stepId, { [stepId]: { status: 'skipped' } });
      return true;
    },
    cancel() {
      controller?.abort();
    },
    async stop() {
      controller?.abort();
      await current;
    },
  };
}
