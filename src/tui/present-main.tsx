/**
 * `mesh-workshop present LESSON` and `present --notes`, full screen. The presenter runs the lesson's steps
 * through the same step runner as the workshop (progress and captured values included) and says where it
 * is in a state file; the notes view, in a second terminal, follows that file.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { render } from 'ink';
import { useEffect, useState, type ReactElement } from 'react';
import { useApp, useInput } from 'ink';
import type { GlobalOptions } from '../commands/options.js';
import { findLesson } from '../commands/run.js';
import type { EngineEvent } from '../engine/events.js';
import { planSteps } from '../engine/plan.js';
import type { LoadedLesson } from '../lesson/load.js';
import { loadLessonPack } from '../lesson/load.js';
import { readMarkdown } from '../lesson/markdown-text.js';
import { allSteps } from '../lesson/steps.js';
import { notesLines, type NotesView } from '../presenter/notes-lines.js';
import { presenterFile, readPresenterPosition, writePresenterPosition } from '../presenter/presenter-file.js';
import { initialPresenterState } from '../presenter/presenter-state.js';
import { openProgress } from '../progress/store.js';
import { readRecording, recordingOrigin } from '../recording/read-recording.js';
import { replayLesson } from '../recording/replay-lesson.js';
import { actionForKey, splitKeys } from './keymap.js';
import { createStepRunner } from './lesson-runner.js';
import { PresenterScreen, ScreenLines, type PresenterDrivers } from './presenter-screen.js';
import { enterFullScreen } from './terminal.js';
import { useTerminalSize } from './use-terminal-size.js';

/** Runs a full-screen Ink element until it exits, giving the terminal back on every way out. */
export async function fullScreen(element: ReactElement, stop: () => Promise<void> = async () => {}): Promise<void> {
  const screen = enterFullScreen(process.stdout, process.stdin, (why) => {
    const leave = (): void => {
      try {
        instance.unmount();
      } catch {
        // The terminal is gone.
      }
      screen.restore('signal' in why ? `mesh-workshop: stopped by ${why.signal}.` : undefined);
      process.exit('signal' in why ? 130 : 1);
    };
    setTimeout(leave, 3000).unref();
    void stop().then(leave, leave);
  });
  const instance = render(element, { exitOnCtrlC: false, patchConsole: true, maxFps: 30 });
  try {
    await instance.waitUntilExit();
  } finally {
    screen.restore();
  }
}

export async function openPresenter(globals: GlobalOptions, lessonWanted: string, options: { typingMs: number; replay?: string }): Promise<number> {
  const loaded = await findLesson(globals, lessonWanted);
  const recording = options.replay === undefined ? undefined : readRecording(options.replay, loaded.lesson.id);
  const progress = openProgress(globals.home);
  let route: (event: EngineEvent) => void = () => {};
  const runner = createStepRunner({ lesson: loaded, home: globals.home, progress, emit: (event) => route(event) });
  const steps = planSteps(loaded.lesson, { setup: false }).map(({ step }) => ({ id: step.id, title: step.title, ...(step.run === undefined ? {} : { command: step.run }), text: readMarkdown(loaded.dir, step.text) }));
  const setupSteps = (loaded.lesson.setup ?? []).map((step) => step.id);
  const drivers: PresenterDrivers = {
    runStep: async (stepId, emit) => {
      route = emit;
      await runner.run(stepId);
    },
    setupSteps,
    ...(recording
      ? {
          recordingOrigin: `${recordingOrigin(recording.index)} (${recording.indexFile})`,
          playRecording: async (stepId: string, emit: (event: EngineEvent) => void) => {
            await replayLesson({ lesson: loaded, recording: recording.index, recordingFile: recording.indexFile, emit, only: stepId, pace: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 500))) });
          },
        }
      : {}),
    onPosition: (stepId, index, total) => writePresenterPosition(globals.home, { lessonId: loaded.lesson.id, lessonsDir: path.resolve(globals.lessonsDir), stepId, index, total, at: new Date().toISOString() }),
    stop: () => runner.stop(),
  };
  try {
    await fullScreen(<PresenterScreen initial={initialPresenterState({ id: loaded.lesson.id, title: loaded.lesson.title }, steps, setupSteps.length)} drivers={drivers} typingMs={options.typingMs} />, () => runner.stop());
  } finally {
    // Nobody presents any more: the notes say so.
    rmSync(presenterFile(globals.home), { force: true });
  }
  return 0;
}

const NOTES_POLL_MS = 200;

/** The notes of the step the presenter is on, read from the lesson pack the presenter uses. */
function notesView(home: string, lessons: Map<string, LoadedLesson[]>): NotesView {
  const position = readPresenterPosition(home);
  if (!position) return {};
  if (!lessons.has(position.lessonsDir)) lessons.set(position.lessonsDir, loadLessonPack(position.lessonsDir).lessons);
  const loaded = lessons.get(position.lessonsDir)?.find((candidate) => candidate.lesson.id === position.lessonId);
  const step = loaded && allSteps(loaded.lesson).find((candidate) => candidate.id === position.stepId);
  if (!loaded || !step) return { problem: `The presenter is on ${position.lessonId}, step ${position.stepId}, which ${position.lessonsDir} does not hold.` };
  const notes = step.notes === undefined ? undefined : readMarkdown(loaded.dir, step.notes);
  return { position: { lessonId: loaded.lesson.id, lessonTitle: loaded.lesson.title, stepTitle: step.title, index: position.index, total: position.total }, ...(notes === undefined ? {} : { notes }) };
}

function NotesScreen({ home }: { home: string }) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [lessons] = useState(() => new Map<string, LoadedLesson[]>());
  const [view, setView] = useState<NotesView>(() => notesView(home, lessons));
  useEffect(() => {
    let last = JSON.stringify(view);
    const timer = setInterval(() => {
      const next = notesView(home, lessons);
      const text = JSON.stringify(next);
      if (text !== last) {
        last = text;
        setView(next);
      }
    }, NOTES_POLL_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- polls from the first view on
  }, [home, lessons]);
  useInput((input, key) => {
    for (const press of splitKeys({ input, ...key })) if (actionForKey(press, { screen: 'notes', running: false }) === 'quit') exit();
  });
  return <ScreenLines lines={notesLines(view, columns, rows)} height={rows} />;
}

export async function openNotes(globals: GlobalOptions): Promise<number> {
  await fullScreen(<NotesScreen home={globals.home} />);
  return 0;
}
