/**
 * Opens the workshop full screen. Loaded only when a terminal wants the TUI, so commands that draw
 * nothing never load Ink or React. The terminal is given back on every way out.
 */
import { constants } from 'node:os';
import { render } from 'ink';
import { findOnPath } from '../cluster/tools.js';
import type { GlobalOptions } from '../commands/options.js';
import { UserError } from '../errors.js';
import type { LoadedLesson } from '../lesson/load.js';
import { currentListing } from '../commands/list.js';
import { openProgress } from '../progress/store.js';
import { App } from './app.js';
import { LESSON_GLYPH } from './glyphs.js';
import { homeRows, type MissingFor } from './home-rows.js';
import { stepPath } from '../cluster/toolchain.js';
import { enterFullScreen } from './terminal.js';

export async function openWorkshop(globals: GlobalOptions, allowContexts: readonly string[] = [], options: { replayFrom?: string } = {}): Promise<number> {
  const replayFrom = options.replayFrom;
  // Read once per lesson opened: the title says REPLAY with the recording's date and versions.
  const replayTitle = replayFrom === undefined ? undefined : (await import('../recording/replay-step.js')).replayTitle;
  // The home screen needs only the listing (kept between runs, see result-cache.ts) and the progress;
  // the lessons themselves are parsed after the first frame, unless one is to be reopened at once.
  const { listings, errors } = await currentListing(globals);
  if (listings.length === 0) throw new UserError(`no lessons to show in ${globals.lessonsDir} ('mesh-workshop lint' says why)`);
  const progress = openProgress(globals.home);
  const greeting = progress.recovered ?? (errors.length > 0 ? `${errors.length} problem(s) in the lesson files: 'mesh-workshop lint' lists them.` : undefined);
  const byId = new Map<string, LoadedLesson>();
  const loadPack = async (): Promise<void> => {
    const { readLessonPack } = await import('../commands/lesson-pack.js');
    for (const loaded of (await readLessonPack(globals.home, globals.lessonsDir)).lessons) byId.set(loaded.lesson.id, loaded);
  };
  // Loaded only when asked for: the kubeconfig module brings the YAML parser, which the first frame can do without.
  const contexts = allowContexts.length > 0 ? await import('../cluster/kubeconfig.js') : undefined;
  const known = contexts?.allowedContexts(globals.home) ?? [];
  const contextsToAllow = contexts ? allowContexts.filter((name) => !known.includes(name)).map((name) => ({ name, from: contexts.usersKubeconfig() })) : [];
  // Until the doctor has looked (it asks Docker), what `which` finds on PATH and the workshop cache.
  const toolPath = stepPath(globals.home);
  const tools = new Map<string, boolean>();
  const missingFor: MissingFor = (needs) =>
    needs.tools.filter((tool) => {
      if (!tools.has(tool)) tools.set(tool, findOnPath(tool, toolPath) !== undefined);
      return tools.get(tool) !== true;
    });
  let startDoctor: () => void = () => {};
  const machine = new Promise<{ summary: string; ready: boolean; missingFor: MissingFor }>((resolve, reject) => {
    startDoctor = () => {
      void (async () => {
        const { doctorFindings, gatherFacts } = await import('../cluster/doctor.js');
        const { machineReadiness } = await import('../cluster/readiness.js');
        // The doctor runs docker, kind and kubectl by name: from the steps' PATH (the pinned tools first),
        // so it judges the copies the steps will run; it only puts the workshop's tools ahead of the learner's.
        process.env.PATH = toolPath;
        const facts = await gatherFacts(globals.home);
        resolve(machineReadiness(facts, doctorFindings(facts)));
      })().catch(reject);
    };
  });

  // Starting again reopens the unfinished lesson the learner was in last.
  const last = homeRows(listings, (id) => progress.lesson(id), () => []).find((row) => row.id === progress.lastLesson());
  const initialLesson = last && last.glyph !== LESSON_GLYPH.done ? last.id : undefined;
  // Parsed now when a lesson reopens at once; otherwise just after the first frame (see below).
  let lessonsReady = initialLesson ? loadPack() : undefined;
  if (lessonsReady) await lessonsReady;
  let startReading: () => void = () => {};
  lessonsReady ??= new Promise<void>((resolve) => {
    startReading = () => void loadPack().then(resolve, resolve);
  });

  // The classroom: joined now with --classroom, or later with a key (its module loads when first needed).
  const { screenClassroom } = await import('../classroom/join.js');
  const classroom = screenClassroom(globals.home, globals.classroom);

  let firstFrameDrawn = false;
  let farewell = 'Bye.';
  let stopRunning: () => Promise<void> = async () => {};
  const screen = enterFullScreen(process.stdout, process.stdin, (why) => {
    // A signal from outside or an error nothing caught: end the running step's process group, give the
    // terminal back, leave. The terminal may be gone already (a closed window sends SIGHUP): every step
    // of leaving may throw, and none may keep the process alive.
    const leave = (): void => {
      try {
        instance.unmount();
      } catch {
        // The terminal is gone; nothing to tidy on it.
      }
      if ('signal' in why) {
        screen.restore(`mesh-workshop: stopped by ${why.signal}; progress is saved.`);
        process.exit(128 + (constants.signals[why.signal] ?? 15));
      }
      screen.restore();
      const detail = why.error instanceof Error ? (why.error.stack ?? why.error.message) : String(why.error);
      process.stderr.write(`mesh-workshop: unexpected error (a bug: please report it with the lines below); progress is saved.\n${detail}\n`);
      process.exit(1);
    };
    setTimeout(leave, 3000).unref();
    void stopRunning().then(leave, leave);
  });
  const instance = render(
    <App
      listings={listings}
      {...(initialLesson ? { initialLesson } : {})}
      loadLesson={(id) => byId.get(id)}
      lessonsReady={lessonsReady}
      progress={progress}
      home={globals.home}
      missingFor={missingFor}
      contextsToAllow={contextsToAllow}
      allowContext={(name) => {
        try {
          if (!contexts) return '';
          const done = contexts.allowContext(globals.home, name);
          return `Allowed your context '${name}' (copied from ${done.from}); 'mesh-workshop context forget ${name}' takes it out.`;
        } catch (error) {
          return `The context '${name}' could not be copied: ${(error as Error).message}`;
        }
      }}
      machine={machine}
      terminal={screen}
      {...(replayFrom === undefined || !replayTitle ? {} : { replayFrom, replayTitle: (lessonId: string) => replayTitle(replayFrom, lessonId) })}
      {...(greeting ? { greeting } : {})}
      onQuit={(text) => {
        farewell = text;
      }}
      onStopper={(stop) => {
        stopRunning = stop;
      }}
      classroom={classroom}
    />,
    {
      exitOnCtrlC: false,
      patchConsole: true,
      maxFps: 30,
      // The lessons are parsed once the first frame is on the screen, not before it is drawn.
      onRender: () => {
        if (!firstFrameDrawn) {
          setImmediate(startReading);
          setImmediate(startDoctor);
        }
        firstFrameDrawn = true;
      },
    },
  );
  try {
    await instance.waitUntilExit();
  } catch (error) {
    screen.restore();
    throw error;
  }
  await stopRunning();
  screen.restore(farewell);
  // What is still unsent goes now if it can, or stays on disk for next time (said on the main screen).
  await classroom.close();
  return 0;
}

