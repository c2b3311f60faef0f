/**
 * An open lesson: its output store, its step runner, where it resumes, and one channel for what happens
 * in it (the engine's events and the quiz questions the screen must ask). No Ink here; the session hook
 * (use-lesson-session.ts) ties it to the screen.
 */
import type { EngineEvent } from '../engine/events.js';
import { outlineOf, planSteps } from '../engine/plan.js';
import type { LoadedLesson } from '../lesson/load.js';
import { askShuffled, quizOrderFor, shuffledQuiz } from '../lesson/quiz-order.js';
import type { Quiz } from '../lesson/schema.js';
import type { ProgressStore } from '../progress/store.js';
import { createStepRunner, type StepRunner } from './lesson-runner.js';
import { initialLessonState, withSavedResults, type LessonScreenState } from './lesson-state.js';
import { createOutputStore, type OutputStore } from './output-store.js';

/**
 * What the screen hears from an open lesson: an engine event, or a question for the learner (its choices in
 * the learner's order, and its answer key a shown number: the screen compares the pressed number with it).
 */
export type SessionEvent = EngineEvent | { type: 'quiz-asked'; quiz: Quiz };

export interface LessonSession {
  loaded: LoadedLesson;
  store: OutputStore;
  runner: StepRunner;
  /** The lesson screen as the learner left it (saved results, the step to carry on with). */
  resumed: LessonScreenState;
  /** "Welcome back …" when the lesson was started before; empty otherwise. */
  welcome: string;
  subscribe(listener: (event: SessionEvent) => void): () => void;
  /** The learner's answer to the question asked last, as the number pressed (undefined: skipped with Esc). */
  answerQuiz(choice: number | undefined): void;
}

export interface SessionDeps {
  home: string;
  progress: ProgressStore;
  /** A folder of recordings: steps are replayed from them (mesh-workshop --replay DIR). */
  replayFrom?: string | undefined;
  /** Every engine event of every lesson opened, as it comes (the classroom's reporter). */
  onEngineEvent?: ((event: EngineEvent) => void) | undefined;
}

/** The lesson screen's first state for a lesson: every step, with what saved progress says of each. */
export function resumedLesson(loaded: LoadedLesson, progress: ProgressStore): { resumed: LessonScreenState; welcome: string } {
  const { lesson } = loaded;
  // Setup and cleanup steps are in the list too, marked as such: the learner sees and runs everything.
  // A question step carries its question, so the screen can show it before it is asked and after: in the
  // learner's order, the same one the question is asked in.
  // The learner id is read (and made, the first time) only for a lesson that has questions.
  const outlines = planSteps(lesson, { setup: true, cleanup: true }).map((planned) => {
    const { quiz } = planned.step;
    return { ...outlineOf(planned), ...(quiz ? { quiz: shuffledQuiz(quiz, quizOrderFor(progress.learnerId(), lesson.id)(quiz, planned.step.id)) } : {}) };
  });
  const saved = progress.lesson(lesson.id);
  const initial = initialLessonState(lesson.id, lesson.title, outlines);
  const resumed = withSavedResults(lesson.diagram ? { ...initial, diagram: lesson.diagram } : initial, saved.steps, saved.current);
  const welcome = saved.current ? `Welcome back to ${lesson.title}: step ${resumed.selected + 1} of ${outlines.length} is next.` : '';
  return { resumed, welcome };
}

export function openLessonSession(loaded: LoadedLesson, deps: SessionDeps): LessonSession {
  const store = createOutputStore();
  const listeners = new Set<(event: SessionEvent) => void>();
  // A step can start before the screen has subscribed (keys faster than renders): keep its events till then.
  const early: SessionEvent[] = [];
  const tell = (event: SessionEvent): void => {
    if (listeners.size === 0 && event.type !== 'output') early.push(event);
    for (const listener of listeners) listener(event);
  };
  let pendingAnswer: ((choice: number | undefined) => void) | undefined;
  const runner = createStepRunner({
    lesson: loaded,
    home: deps.home,
    progress: deps.progress,
    ...(deps.replayFrom === undefined ? {} : { replayFrom: deps.replayFrom }),
    emit: (event) => {
      store.handle(event);
      deps.onEngineEvent?.(event);
      tell(event);
    },
    // The screen asks in the learner's order; the engine hears the author's number back.
    answerQuiz: askShuffled(
      (quiz) =>
        new Promise((resolve) => {
          pendingAnswer = resolve;
          tell({ type: 'quiz-asked', quiz });
        }),
      (quiz, stepId) => quizOrderFor(deps.progress.learnerId(), loaded.lesson.id)(quiz, stepId),
    ),
  });
  return {
    loaded,
    store,
    runner,
    ...resumedLesson(loaded, deps.progress),
    subscribe(listener) {
      listeners.add(listener);
      for (const event of early.splice(0)) listener(event);
      return () => {
        listeners.delete(listener);
      };
    },
    answerQuiz(choice) {
      const answer = pendingAnswer;
      pendingAnswer = undefined;
      answer?.(choice);
    },
  };
}

/**
 * The lesson open on the screen, one at a time, as a small store the screen subscribes to. Effects read
 * `current()` when they run, so a key that comes right after the one that opened a lesson acts on it.
 */
export interface OpenLesson {
  current(): LessonSession | undefined;
  /** Opens a lesson afresh, closing the one open; undefined while its files are not read yet. */
  open(id: string): LessonSession | undefined;
  subscribe(listener: () => void): () => void;
}

export function createOpenLesson(deps: SessionDeps & { loadLesson(id: string): LoadedLesson | undefined }, initialId?: string): OpenLesson {
  const listeners = new Set<() => void>();
  const open = (id: string): LessonSession | undefined => {
    const loaded = deps.loadLesson(id);
    return loaded ? openLessonSession(loaded, deps) : undefined;
  };
  let current = initialId === undefined ? undefined : open(initialId);
  return {
    current: () => current,
    open(id) {
      const next = open(id);
      if (!next) return undefined;
      current?.store.dispose();
      current = next;
      for (const listener of listeners) listener();
      return next;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
