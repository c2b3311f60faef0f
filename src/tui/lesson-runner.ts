/**
 * Runs one step of a lesson through the engine and saves progress after it: the TUI's side of the engine.
 * No Ink here; the screen passes in where events go.
 */
import type { EngineEvent } from '../engine/events.js';
import type { EngineHooks, Interaction } from '../engine/run-lesson.js';
import type { LoadedLesson } from '../lesson/load.js';
import type { ProgressStore } from '../progress/store.js';

export interface StepRunner {
  /** Run one step; resolves when it has finished (or was cancelled). */
  run(stepId: string): Promise<void>;
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
  let controller: AbortController | undefined;
  let current: Promise<void> = Promise.resolve();

  async function runStep(stepId: string, own: AbortController): Promise<void> {
    const saved = progress.lesson(lesson.lesson.id);
    const steps = { ...saved.steps };
    try {
      // The engine loads on the first run, not before the first frame.
      const { runLesson } = await import('../engine/run-lesson.js');
      const outcome = await runLesson({
        lesson,
        home: options.home,
        only: stepId,
        vars: saved.vars,
        signal: own.signal,
        ...(options.hooks ? { hooks: options.hooks } : {}),
        ...(options.answerQuiz ? { interaction: { answerQuiz: options.answerQuiz } } : {}),
        emit: (event) => {
          if (event.type === 'step-finished') steps[event.stepId] = { status: event.status, at: new Date().toISOString() };
          options.emit(event);
        },
      });
      progress.saveLesson(lesson.lesson.id, { vars: outcome.vars, steps, current: stepId });
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
    cancel() {
      controller?.abort();
    },
    async stop() {
      controller?.abort();
      await current;
    },
  };
}
