/**
 * Runs one step of a lesson through the engine, or skips it, and records progress after either: the TUI's
 * side of the engine, and the one place the TUI writes a step's result. No Ink here; the screen passes in
 * where events go.
 */
import type { EngineEvent, StepStatus } from '../engine/events.js';
import type { EngineHooks, Interaction } from '../engine/run-lesson.js';
import type { LoadedLesson } from '../lesson/load.js';
import type { ProgressStore } from '../progress/store.js';

/** The reason a step skipped with `s` carries (the engine's own words for a step the learner skips). */
export const SKIPPED_BY_LEARNER = 'skipped by the learner';

export interface StepRunner {
  /** Run one step; resolves when it has finished (or was cancelled). */
  run(stepId: string): Promise<void>;
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
}): StepRunner {
  const { lesson, progress } = options;
  const lessonId = lesson.lesson.id;
  let controller: AbortController | undefined;
  let current: Promise<void> = Promise.resolve();

  /** Saves the results of one run or skip over what is saved, with the step as where the learner is. */
  function record(stepId: string, results: Readonly<Record<string, StepStatus>>, vars?: Record<string, string>): void {
    const saved = progress.lesson(lessonId);
    const at = new Date().toISOString();
    const steps = { ...saved.steps, ...Object.fromEntries(Object.entries(results).map(([id, status]) => [id, { status, at }])) };
    progress.saveLesson(lessonId, { ...saved, ...(vars ? { vars } : {}), steps, current: stepId });
  }

  async function runStep(stepId: string, own: AbortController): Promise<void> {
    const results: Record<string, StepStatus> = {};
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
        ...(options.answerQuiz ? { interaction: { answerQuiz: options.answerQuiz } } : {}),
        emit: (event) => {
          if (event.type === 'step-finished') results[event.stepId] = event.status;
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
    run(stepId) {
      if (controller) return current;
      controller = new AbortController();
      current = runStep(stepId, controller);
      return current;
    },
    skip(stepId) {
      if (controller) return false;
      options.emit({ type: 'step-finished', stepId, status: 'skipped', durationMs: 0, exitCode: null, reason: SKIPPED_BY_LEARNER, tail: [] });
      record(stepId, { [stepId]: 'skipped' });
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
