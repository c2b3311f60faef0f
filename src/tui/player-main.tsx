/**
 * Opens the player on a recording: its cast, the lesson's text from the pack when the lesson is there,
 * and each step's checks judged on the recorded output by the replay (the same evaluator as a run).
 * Steps played to their end are recorded as watched in the progress file.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { GlobalOptions } from '../commands/options.js';
import { UserError } from '../errors.js';
import type { EngineEvent } from '../engine/events.js';
import { readMarkdown } from '../lesson/markdown-text.js';
import { allSteps } from '../lesson/steps.js';
import { openProgress } from '../progress/store.js';
import { readRecording, recordingOrigin } from '../recording/read-recording.js';
import type { StepJudgement } from '../recording/player-lines.js';
import { playerSteps } from '../recording/player-state.js';
import { replayLesson } from '../recording/replay-lesson.js';
import { fullScreen } from './present-main.js';
import { readLessonPack } from '../commands/lesson-pack.js';
import { PlayerScreen } from './player-screen.js';

/** The lesson a folder of recordings holds, when it holds one; otherwise it must be named. */
function onlyLessonIn(dir: string): string {
  const ids = readdirSync(dir)
    .filter((name) => name.endsWith('.cast'))
    .map((name) => name.slice(0, -'.cast'.length));
  if (ids.length === 1 && ids[0] !== undefined) return ids[0];
  throw new UserError(ids.length === 0 ? `no recordings (.cast files) in ${dir}` : `${dir} holds recordings of ${ids.join(', ')}: name the lesson (mesh-workshop replay ${dir} LESSON)`);
}

export async function openPlayer(globals: GlobalOptions, place: string, lessonWanted: string | undefined, speed: number): Promise<number> {
  const resolved = path.resolve(place);
  const lessonId = lessonWanted ?? (statSync(resolved, { throwIfNoEntry: false })?.isDirectory() ? onlyLessonIn(resolved) : undefined);
  const recording = readRecording(place, lessonId);
  const { index, events } = recording;
  const loaded = (await readLessonPack(globals.home, globals.lessonsDir)).lessons.find((candidate) => candidate.lesson.id === index.lesson.id);
  const texts = new Map<string, string>();
  const judged = new Map<string, StepJudgement>();
  if (loaded) {
    for (const step of allSteps(loaded.lesson)) texts.set(step.id, readMarkdown(loaded.dir, step.text));
    const checks = new Map<string, StepJudgement['checks']>();
    await replayLesson({
      lesson: loaded,
      recording: index,
      recordingFile: recording.indexFile,
      cleanup: true,
      optional: true,
      emit: (event: EngineEvent) => {
        if (event.type === 'check-result') checks.set(event.stepId, [...(checks.get(event.stepId) ?? []), event.verdict]);
        if (event.type === 'step-finished') judged.set(event.stepId, { status: event.status, checks: checks.get(event.stepId) ?? [], ...(event.reason === undefined ? {} : { reason: event.reason }) });
      },
    });
  } else {
    // Not in this pack: the verdicts as they were recorded.
    for (const step of index.steps) judged.set(step.id, { status: step.status, checks: step.checks, ...(step.reason === undefined ? {} : { reason: step.reason }) });
  }
  const duration = events.at(-1)?.time ?? 0;
  const model = { lessonId: index.lesson.id, title: index.lesson.title, origin: recordingOrigin(index), steps: playerSteps(events, duration), events, texts, judged };
  const progress = openProgress(globals.home);
  const onWatched = (stepId: string): void => {
    const verdict = judged.get(stepId)?.status;
    if (verdict !== 'passed' && verdict !== 'failed') return;
    const saved = progress.lesson(index.lesson.id);
    progress.saveLesson(index.lesson.id, { ...saved, watched: { ...saved.watched, [stepId]: { verdict, at: new Date().toISOString(), recordedAt: index.recordedAt } } });
  };
  await fullScreen(<PlayerScreen model={model} speed={speed} onWatched={onWatched} />);
  return 0;
}
