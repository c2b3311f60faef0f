/**
 * The session hooks: the lesson open on the screen (opened at once when the learner was in one), its
 * output as the store publishes it, the stopper that ends a running step's process group on a signal,
 * and its events and quiz questions turned into the workshop's actions.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { EngineEvent } from '../engine/events.js';
import type { LoadedLesson } from '../lesson/load.js';
import type { ProgressStore } from '../progress/store.js';
import { createOpenLesson, type LessonSession, type OpenLesson } from './lesson-session.js';
import { createOutputStore, type OutputSnapshot } from './output-store.js';
import type { Dispatch } from './workshop-effects.js';

const NO_OUTPUT = createOutputStore();

export interface SessionOptions {
  home: string;
  progress: ProgressStore;
  loadLesson(id: string): LoadedLesson | undefined;
  /** A lesson to open at once. */
  initialLesson?: string | undefined;
  /** Receives a way to stop the running step, for quitting on a signal. */
  onStopper?: ((stop: () => Promise<void>) => void) | undefined;
  /** A folder of recordings to replay the steps from. */
  replayFrom?: string | undefined;
  /** Every engine event, as it comes (the classroom's reporter). */
  onEngineEvent?: ((event: EngineEvent) => void) | undefined;
}

export function useLessonSession(options: SessionOptions): { lessons: OpenLesson; session: LessonSession | undefined; output: OutputSnapshot } {
  const { onStopper } = options;
  // Created once: the props it reads (home, progress, loadLesson) are fixed for the app's life.
  const [lessons] = useState(() => createOpenLesson(options, options.initialLesson));
  const session = useSyncExternalStore(lessons.subscribe, lessons.current);
  const store = session?.store ?? NO_OUTPUT;
  const output = useSyncExternalStore(store.subscribe, store.snapshot);
  useEffect(() => {
    onStopper?.(async () => lessons.current()?.runner.stop());
  }, [onStopper, lessons]);
  return { lessons, session, output };
}

/** The open lesson's engine events and quiz questions, as actions (output stays in the output store). */
export function useLessonEvents(session: LessonSession | undefined, dispatch: Dispatch): void {
  useEffect(
    () =>
      session?.subscribe((event) => {
        if (event.type === 'quiz-asked') dispatch({ type: 'quiz-asked', quiz: event.quiz });
        else if (event.type !== 'output') dispatch({ type: 'engine', event });
      }),
    [session, dispatch],
  );
}
