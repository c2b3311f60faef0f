/**
 * One step of a lesson replayed from a folder of recordings, for the workshop's TUI started with
 * `--replay DIR`: the step's recorded output and its checks judged on it (replay-lesson.ts), with the values
 * the recording's steps captured. A lesson with no recording in the folder says so as the step's reason.
 */
import type { EngineEvent } from '../engine/events.js';
import type { Interaction } from '../engine/run-lesson.js';
import { UserError } from '../errors.js';
import type { LoadedLesson } from '../lesson/load.js';
import { readRecording, type Recording } from './read-recording.js';
import { replayLesson } from './replay-lesson.js';
import { recordingOrigin } from './recording-index.js';

/** The recording of a lesson in a folder, or why there is none (in a sentence for the screen). */
export function lessonRecording(dir: string, lessonId: string): Recording | { problem: string } {
  try {
    return readRecording(dir, lessonId);
  } catch (error) {
    if (error instanceof UserError) return { problem: error.message };
    throw error;
  }
}

/** What the lesson screen's title says in a replay: REPLAY, when it was recorded and with what. */
export function replayTitle(dir: string, lessonId: string): string {
  const recording = lessonRecording(dir, lessonId);
  return 'problem' in recording ? 'REPLAY: no recording of this lesson' : `REPLAY, ${recordingOrigin(recording.index)}`;
}

export async function replayStep(options: { dir: string; lesson: LoadedLesson; stepId: string; emit: (event: EngineEvent) => void; signal?: AbortSignal; answerQuiz?: Interaction['answerQuiz'] }): Promise<void> {
  const { lesson, stepId, emit } = options;
  const recording = lessonRecording(options.dir, lesson.lesson.id);
  if ('problem' in recording) {
    emit({ type: 'step-finished', stepId, status: 'skipped', durationMs: 0, exitCode: null, reason: recording.problem, tail: [] });
    return;
  }
  // The values the recording's steps captured, for a later step's checks (${POD}).
  const vars = Object.assign({}, ...recording.index.steps.map((step) => step.captured)) as Record<string, string>;
  await replayLesson({
    lesson,
    recording: recording.index,
    recordingFile: recording.indexFile,
    emit,
    only: stepId,
    vars,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.answerQuiz ? { interaction: { answerQuiz: options.answerQuiz } } : {}),
    // At the recording's pace, but never a long wait between two lines on a screen.
    pace: (ms, signal) =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, Math.min(ms, 250));
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      }),
  });
}
