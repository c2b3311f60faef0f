/**
 * The workshop app: wires the parts together. The open lesson and its engine events come from the
 * session hooks, the screen's state from one reducer (workshop-state.ts) whose effects are carried out
 * in workshop-effects.ts, keys go through the keymap into that reducer, and the screens lay out lines
 * built by pure functions.
 */
import { Box, Text, useApp, useInput } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import type { ScreenClassroom } from '../classroom/join.js';
import type { LessonListing } from '../lesson/listing.js';
import type { LoadedLesson } from '../lesson/load.js';
import type { ProgressStore } from '../progress/store.js';
import { homeRows, nextLessonIndex, type MachineVerdict, type MissingFor } from './home-rows.js';
import { splitKeys } from './keymap.js';
import { tooSmall } from './layout.js';
import { LessonScreen } from './lesson-screen.js';
import { lessonScreenLines, stepTextWidth } from './lesson-screen-lines.js';
import { selectedStep } from './lesson-state.js';
import { lessonCompleteLines, spentInLesson } from './lesson-complete-lines.js';
import { CommandForCopying, KeysOverlay, LessonCompleteView } from './overlays.js';
import { pictureDrawer } from './pictures.js';
import { HomeScreen, StatusBar } from './screens.js';
import { statusText } from './status-line.js';
import { useElapsedSeconds, usePictureTools, useSpinnerClock, useStepText } from './use-lesson-screen.js';
import { useLessonEvents, useLessonSession } from './use-lesson-session.js';
import { useMachineVerdict } from './use-machine-verdict.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useWorkshop } from './use-workshop.js';
import { carryOut, type Dispatch } from './workshop-effects.js';
import { initialWorkshopState, type WorkshopEffect } from './workshop-state.js';

export interface AppProps {
  listings: readonly LessonListing[];
  /** The lesson, or undefined while the lesson files are still being read (just after start). */
  loadLesson(id: string): LoadedLesson | undefined;
  /** Settles once the lesson files have been read. */
  lessonsReady?: Promise<void>;
  progress: ProgressStore;
  home: string;
  /** What the machine lacks for a lesson, before the doctor has answered. */
  missingFor: MissingFor;
  /** The doctor's verdict, once it has looked (it asks Docker, so it comes after the first frame). */
  machine?: Promise<MachineVerdict>;
  /** Said once at the start (a "welcome back", a recovered progress file). */
  greeting?: string;
  /** Called with the text to print on the main screen once the app has closed. */
  onQuit(farewell: string): void;
  /** Receives a way to stop the running step, for quitting on a signal. */
  onStopper?(stop: () => Promise<void>): void;
  /** Contexts of the learner's own asked for with --allow-context: each is confirmed on screen first. */
  contextsToAllow?: readonly { name: string; from: string }[];
  /** Copies one into the workshop kubeconfig; returns what to tell the learner. */
  allowContext?(name: string): string;
  /** A lesson to open at once (the unfinished one the learner was in last). */
  initialLesson?: string;
  /** The full screen, to leave while the shell or the editor has the terminal (absent: no hand-over). */
  terminal?: { suspend(): void; resume(): void };
  /** A folder of recordings: every step is replayed from it, nothing runs (mesh-workshop --replay DIR). */
  replayFrom?: string;
  /** What a lesson's title says in a replay (REPLAY, when recorded, with what). */
  replayTitle?(lessonId: string): string;
  /** The classroom, joined with --classroom or a key: it hears the engine's events; what it says shows in the status line. */
  classroom?: ScreenClassroom | undefined;
}


/** Time for Ink to draw the empty frame and let go of the keyboard before another program takes the terminal. */
const HAND_OVER_SETTLE_MS = 50;

export function App(props: AppProps) {
  const { columns, rows } = useTerminalSize();
  const { exit } = useApp();
  const { lessons, session, output } = useLessonSession({ ...props, onEngineEvent: props.classroom?.handle });
  const machine = useMachineVerdict(props.machine, props.missingFor);
  // Cheap to compute, and progress changes after every step: no memo.
  const homeList = homeRows(props.listings, (id) => props.progress.lesson(id), machine?.missingFor ?? props.missingFor);

  const { progress, home, lessonsReady, loadLesson, allowContext, onQuit, terminal, classroom } = props;
  // While the shell or the editor has the terminal, the app draws nothing and reads no keys (Ink turns raw
  // mode off and stops listening), so the program gets every key and nothing is drawn over it.
  const [handedOver, setHandedOver] = useState(false);
  const handOver = useCallback(
    async <T,>(run: (write: (text: string) => void) => Promise<T>): Promise<T> => {
      if (!terminal) throw new Error('no terminal to hand over');
      setHandedOver(true);
      await new Promise((resolve) => setTimeout(resolve, HAND_OVER_SETTLE_MS));
      terminal.suspend();
      try {
        return await run((text) => process.stdout.write(text));
      } finally {
        terminal.resume();
        setHandedOver(false);
      }
    },
    [terminal],
  );
  const perform = useCallback(
    (effect: WorkshopEffect, dispatch: Dispatch) =>
      carryOut(effect, dispatch, {
        lessons,
        progress,
        home,
        lessonsReady,
        isReadable: (id) => loadLesson(id) !== undefined,
        allowContext,
        quit: (farewell) => {
          onQuit(farewell);
          exit();
        },
        writeToTerminal: (sequence) => process.stdout.write(sequence),
        env: process.env,
        handOver: terminal ? handOver : undefined,
        classroom,
      }),
    [lessons, progress, home, lessonsReady, loadLesson, allowContext, onQuit, exit, terminal, handOver, classroom],
  );
  const [state, dispatch] = useWorkshop(
    () =>
      initialWorkshopState({
        ...(session ? { lesson: session.resumed } : {}),
        homeSelected: nextLessonIndex(homeList, props.progress.lastLesson()),
        message: [props.greeting, session?.welcome].filter(Boolean).join(' '),
        ...(props.contextsToAllow ? { contextsToAllow: props.contextsToAllow } : {}),
        classroom: classroom?.joined() === true,
      }),
    perform,
  );
  useLessonEvents(session, dispatch);
  // The instructor's messages go to the status line.
  useEffect(() => classroom?.subscribe((text) => dispatch({ type: 'say', message: text })), [classroom, dispatch]);

  const { lesson } = state;
  const step = selectedStep(lesson);
  // The spinner turns while a step runs, and while the workshop looks for why one failed.
  const clock = useSpinnerClock(lesson.running || lesson.steps.some((each) => each.diagnosis?.state === 'looking'));
  // A question waits for the learner: no clock ticks while they think.
  const elapsed = useElapsedSeconds(lesson.running && !state.quiz);
  const text = useStepText(session?.loaded, step?.id, stepTextWidth(columns, rows));
  usePictureTools();
  const lines = lessonScreenLines(state, {
    columns,
    rows,
    output: { lines: step ? output.lines(step.id) : [], seen: step ? output.seen(step.id) : 0 },
    text,
    clock,
    drawer: pictureDrawer,
    missing: homeList.find((row) => row.id === lesson.lessonId)?.missing,
  });

  useInput(
    (input, key) => {
    for (const press of splitKeys({ input, ...key })) {
      dispatch({
        type: 'key',
        press,
        facts: {
          lessonIds: homeList.map((row) => row.id),
          // Read when the key comes: output published since the last render counts.
          outputLines: (stepId) => lessons.current()?.store.snapshot().lines(stepId).length ?? 0,
          paneHeight: lines.layout.outputHeight,
          textHeight: lines.layout.textHeight,
          textLines: lines.textLines,
          commandCut: lines.commandCut,
        },
      });
    }
    },
    { isActive: !handedOver },
  );

  if (handedOver) return <Text> </Text>;

  const small = tooSmall(columns, rows);
  if (small) return <Text>{small}</Text>;
  if (state.help) return <KeysOverlay screen={state.screen} classroom={state.classroom !== undefined} columns={columns} rows={rows} />;
  if (state.shownCommand !== undefined) return <CommandForCopying command={state.shownCommand} message={state.message} columns={columns} rows={rows} />;
  const status = statusText(state, elapsed);
  if (state.screen === 'complete') {
    const listing = props.listings.find((entry) => entry.id === lesson.lessonId);
    const at = homeList.findIndex((row) => row.id === lesson.lessonId);
    const next = at >= 0 ? homeList[at + 1] : undefined;
    const completeLines = lessonCompleteLines(
      {
        lesson,
        summary: listing?.summary ?? '',
        estimate: listing?.estimate ?? '?',
        spentMs: spentInLesson(props.progress.lesson(lesson.lessonId).steps, lesson.steps),
        next: next ? { title: next.title, estimate: next.estimate, needs: next.needs, missing: next.missing } : undefined,
      },
      columns,
    );
    return <LessonCompleteView lines={completeLines} status={status} columns={columns} rows={rows} />;
  }
  if (state.screen === 'home') {
    return (
      <Box flexDirection="column" width={columns} height={rows - 1}>
        <HomeScreen rows={homeList} selected={state.homeSelected} width={columns} height={rows - 2} notice={machine ? { text: machine.summary, tone: machine.ready ? 'ok' : 'fail' } : { text: 'Checking this machine…', tone: 'muted' }} />
        <StatusBar text={status} width={columns} />
      </Box>
    );
  }
  const title = props.replayTitle ? `${lesson.title} · ${props.replayTitle(lesson.lessonId)}` : lesson.title;
  return <LessonScreen title={title} steps={lesson.steps} selected={lesson.selected} lines={lines} status={status} columns={columns} rows={rows} />;
}
