/**
 * `mesh-workshop run <lesson>`: the headless runner. Unattended with --yes; otherwise it asks before each
 * step on stdin. Exit 0 only when every check passed; 1 when one failed; 130 when interrupted.
 */
import { createWriteStream, fstatSync } from 'node:fs';
import path from 'node:path';
import type { Flags, GlobalOptions } from './options.js';
import { UserError } from '../errors.js';
import { nodeReadline } from '../lazy-builtins.js';
import { stdoutClosed } from './stdout-closed.js';
import type { EngineEvent } from '../engine/events.js';
import { runLesson, type Interaction } from '../engine/run-lesson.js';
import type { LoadedLesson } from '../lesson/load.js';
import { readLessonPack } from './lesson-pack.js';
import { readMarkdown } from '../lesson/markdown-text.js';
import { askShuffled, quizOrderFor } from '../lesson/quiz-order.js';
import { allSteps } from '../lesson/steps.js';
import { docLinkLines } from '../views/doc-links.js';
import { plainMarkdown } from '../views/plain-markdown.js';
import { formatProblem } from '../lesson/problems.js';
import { closestName } from '../lesson/suggest.js';
import { openProgress } from '../progress/store.js';
import { plainReporter } from '../report/plain.js';
import { REPORTER_NAMES, type Reporter, type ReporterName } from '../report/reporter.js';
import type { Quiz } from '../lesson/schema.js';
import type { ClassroomReporter } from '../classroom/learner-reporter.js';

/** A lesson of the pack by id or folder name; a clear message when it is not there or cannot be read. */
export async function findLesson(globals: Pick<GlobalOptions, 'home' | 'lessonsDir'>, wanted: string): Promise<LoadedLesson> {
  const { lessons, problems } = await readLessonPack(globals.home, globals.lessonsDir);
  const match = lessons.find((loaded) => loaded.lesson.id === wanted || path.basename(loaded.dir) === wanted);
  if (match) return match;
  const broken = problems.filter((problem) => problem.severity === 'error' && problem.file.includes(wanted));
  if (broken.length > 0) {
    throw new UserError(`lesson '${wanted}' cannot be read:\n${broken.map(formatProblem).join('\n')}`);
  }
  const ids = lessons.map((loaded) => loaded.lesson.id);
  const guess = closestName(wanted, ids);
  throw new UserError(`no lesson '${wanted}'${guess ? ` (did you mean '${guess}'?)` : ''}. Lessons: ${ids.join(', ') || 'none'}`);
}

function reporterName(value: string | undefined): ReporterName {
  const name = value ?? 'plain';
  if ((REPORTER_NAMES as readonly string[]).includes(name)) return name as ReporterName;
  throw new UserError(`--reporter ${name}: choose one of ${REPORTER_NAMES.join(', ')}`);
}

/** A real run's recorder (--record DIR): the cast and its index, with the versions the steps ran with. */
async function makeRecorder(dir: string): Promise<Reporter> {
  const { lessonRecorder } = await import('../recording/recorder.js');
  const { recordingVersions } = await import('../recording/versions.js');
  const tty = process.stdout.isTTY ? process.stdout : process.stderr.isTTY ? process.stderr : undefined;
  return lessonRecorder({
    dir,
    terminal: { width: tty?.columns ?? 100, height: tty?.rows ?? 30 },
    versions: recordingVersions(),
    warn: (text) => process.stderr.write(`mesh-workshop: ${text}\n`),
  });
}

/** The reporter asked for; each (and the proxy-config tables, for a lesson that shows them) loads only when used. */
async function makeReporters(flags: Flags, lesson: LoadedLesson['lesson']): Promise<{ reporters: Reporter[]; closeFiles: () => Promise<void> }> {
  const name = reporterName(flags.reporter);
  const stdout = process.stdout;
  const junit = async (): Promise<typeof import('../report/junit.js').junitReporter> => (await import('../report/junit.js')).junitReporter;
  const showsViews = allSteps(lesson).some((step) => step.view !== undefined);
  // A learner answering step by step reads each step's checks and output; an unattended run, the failures.
  const reporters: Reporter[] = [
    name === 'json'
      ? (await import('../report/json-lines.js')).jsonLinesReporter(stdout)
      : name === 'junit'
        ? (await junit())(stdout)
        : plainReporter(stdout, { detail: flags.yes !== true, ...(showsViews ? { renderView: (await import('../views/proxy-config/step-view.js')).renderStepView } : {}) }),
  ];
  const file = flags['junit-file'];
  if (!file) return { reporters, closeFiles: async () => {} };
  const stream = createWriteStream(file);
  stream.on('error', (error) => process.stderr.write(`mesh-workshop: cannot write ${file}: ${error.message}\n`));
  reporters.push((await junit())(stream));
  return { reporters, closeFiles: () => new Promise((resolve) => stream.end(resolve)) };
}

/** Questions on stderr, answers from stdin; the end of stdin means "stop here". */
export type StdinInteraction = Interaction & {
  ask(question: string): Promise<string | undefined>;
  /** The lesson about to run (its steps' text is shown before each question) and the state directory. */
  setLesson(loaded: LoadedLesson, home: string): void;
  /** In a classroom: hints taken are told, and at a failure `!` raises a hand and `share` shares it. */
  setClassroom(link: Pick<ClassroomReporter, 'raiseHand' | 'shareFailure' | 'hintTaken' | 'solutionTaken'>): void;
  close(): void;
};

/**
 * A step's text as plain lines, indented under its heading (no markup, no box drawing: readable aloud), then
 * the pages it follows as `title: URL` lines, one each whatever its length (no terminal links: a log or a screen
 * reader gets the address, whole).
 */
function stepTextLines(loaded: LoadedLesson): Map<string, { text: string; quiz: boolean }> {
  return new Map(
    allSteps(loaded.lesson).map((step) => {
      const lines = [...plainMarkdown(readMarkdown(loaded.dir, step.text)), ...docLinkLines(step.docs ?? [], Number.POSITIVE_INFINITY, { hyperlinks: false })];
      return [step.id, { text: lines.map((line) => (line ? `  ${line}` : '')).join('\n'), quiz: step.quiz !== undefined }];
    }),
  );
}

export function askOnStdin(): StdinInteraction {
  const lines = nodeReadline().createInterface({ input: process.stdin, terminal: false });
  const queue: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  let answered = false;
  let steps = new Map<string, { text: string; quiz: boolean }>();
  let lesson: { loaded: LoadedLesson; home: string } | undefined;
  let classroom: Parameters<StdinInteraction['setClassroom']>[0] | undefined;
  let handRaised = false;
  const current = (): LoadedLesson => {
    if (!lesson) throw new Error('no lesson set before a task was asked');
    return lesson.loaded;
  };
  const home = (): string => lesson?.home ?? '';
  lines.on('line', (line) => {
    answered = true;
    if (waiting.length > 0) waiting.shift()?.(line);
    else queue.push(line);
  });
  lines.on('close', () => {
    ended = true;
    for (const resolve of waiting.splice(0)) resolve(undefined);
  });
  const ask = (question: string): Promise<string | undefined> => {
    process.stderr.write(question);
    if (queue.length > 0) return Promise.resolve(queue.shift());
    if (ended) return Promise.resolve(undefined);
    return new Promise((resolve) => waiting.push(resolve));
  };
  return {
    ask,
    setLesson(loaded, stateHome) {
      steps = stepTextLines(loaded);
      lesson = { loaded, home: stateHome };
    },
    setClassroom(link) {
      classroom = link;
    },
    async confirmStep(outline, index, total) {
      const step = steps.get(outline.id);
      const heading = `\nStep ${index + 1}/${total} ${outline.id}: ${outline.title}\n${step?.text ? `${step.text}\n` : ''}`;
      // A question is asked as it is (Enter on it skips), and a task asks what the learner does: nothing to run.
      if (step?.quiz || outline.task) {
        process.stderr.write(heading);
        return 'run';
      }
      for (;;) {
        // A diagram is named, not drawn: box drawing reads badly in a screen reader or a log.
        const picture = outline.diagram ? `  picture: mesh-workshop diagram ${outline.diagram}${outline.highlight ? ` --highlight ${outline.highlight}` : ''}\n` : '';
        const answer = await ask(`${heading}${picture}${outline.command ? `  $ ${outline.command.trim().split('\n').join('\n    ')}\n` : ''}Run it? [Y]es, [s]kip, [q]uit: `);
        if (answer === undefined) {
          // Input that ended before its first answer was never a learner's: say what to do instead.
          if (!answered) {
            process.stderr.write('\n'); // end the question's line
            throw new UserError(NO_ANSWERS);
          }
          return 'quit';
        }
        const word = answer.trim().toLowerCase();
        if (word === '' || word === 'y' || word === 'yes') return 'run';
        if (word === 's' || word === 'skip' || word === 'n' || word === 'no') return 'skip';
        if (word === 'q' || word === 'quit') return 'quit';
      }
    },
    // The question as the learner sees it (inLearnersOrder shuffled its choices): numbers here are the shown ones.
    async answerQuiz(quiz: Quiz) {
      const choices = quiz.choices.map((choice, i) => `  ${i + 1}. ${choice}`).join('\n');
      let question = `\n${quiz.question}\n${choices}\nYour answer (1-${quiz.choices.length}, empty to skip): `;
      // As on the screen: a wrong answer keeps the question for another try; the right one is explained.
      for (;;) {
        const answer = await ask(question);
        if (answer === undefined || answer.trim() === '') return undefined;
        const number = Number(answer.trim());
        if (!Number.isInteger(number) || number < 1 || number > quiz.choices.length) continue;
        if (number === quiz.answer) {
          process.stderr.write(`Right. ${quiz.explanation}\n`);
          return number;
        }
        question = `Not quite: ${number} is not it. Another answer (1-${quiz.choices.length}, empty to skip): `;
      }
    },
    async afterFailure(outline) {
      // The failure report already gave the first hint; h gives the next ones, then the solution.
      let hintsGiven = Math.min(1, outline.hints.length);
      for (;;) {
        const room = classroom ? `, [!] ${handRaised ? 'lower your hand' : 'raise your hand'}, [share] this failure with the instructor` : '';
        const answer = await ask(`[R]un it again, [h]int, [s]kip it, [q]uit${room}: `);
        if (answer === undefined) return 'leave';
        const word = answer.trim().toLowerCase();
        if (classroom && word === '!') {
          handRaised = !handRaised;
          classroom.raiseHand(handRaised);
          process.stderr.write(handRaised ? 'Hand raised: the instructor sees it. ! again lowers it.\n' : 'Hand lowered.\n');
          continue;
        }
        if (classroom && word === 'share') {
          process.stderr.write(classroom.shareFailure() ? "Shared: the instructor sees this failure's check, expected and actual texts, and the step's output.\n" : 'No failure to share yet.\n');
          continue;
        }
        if (word === '' || word === 'r' || word === 'run') return 'retry';
        if (word === 's' || word === 'skip') return 'skip';
        if (word === 'q' || word === 'quit') return 'quit';
        if (word !== 'h' && word !== 'hint') continue;
        const hint = outline.hints[hintsGiven];
        if (hint !== undefined) {
          hintsGiven++;
          classroom?.hintTaken(outline.id, hintsGiven);
          process.stderr.write(`hint ${hintsGiven}: ${hint.trim()}\n`);
        } else if (outline.solution) {
          classroom?.solutionTaken(outline.id);
          process.stderr.write(`solution:\n  ${outline.solution.trim().split('\n').join('\n  ')}\n`);
        } else {
          process.stderr.write('No more hints for this step.\n');
        }
      }
    },
    async awaitTask(outline, _attempt, place) {
      const { askAboutTask } = await import('./plain-task.js');
      const choice = await askAboutTask(
        {
          ask,
          pauseInput: () => lines.pause(),
          resumeInput: () => lines.resume(),
          loaded: current(),
          home: home(),
          say: (text) => process.stderr.write(`${text}\n`),
        },
        outline,
        place,
      );
      if (choice !== undefined) return choice;
      if (!answered) {
        process.stderr.write('\n');
        throw new UserError(NO_ANSWERS);
      }
      return 'leave';
    },
    close: () => lines.close(),
  };
}

const NO_ANSWERS = 'no answers to read: standard input is not a terminal and holds none. Run with --yes to run the lesson unattended, or in a terminal to be asked before each step.';

/** Standard input that can hold no answers: not a terminal, and /dev/null or another device. */
function stdinHoldsNoAnswers(): boolean {
  if (process.stdin.isTTY) return false;
  try {
    return fstatSync(0).isCharacterDevice();
  } catch {
    return true; // closed
  }
}

/**
 * A learner coming back carries on where they were, as in the TUI: the first step not passed, said in
 * one line (`--from` chooses another). Undefined: start at the beginning.
 */
function resumeAt(loaded: LoadedLesson, saved: Readonly<Record<string, { status: string }>>): string | undefined {
  const steps = loaded.lesson.steps;
  const passed = steps.filter((step) => saved[step.id]?.status === 'passed').length;
  if (passed === 0) return undefined;
  const next = steps.find((step) => saved[step.id]?.status !== 'passed' && !step.optional);
  if (!next) {
    process.stderr.write(`Welcome back: you have passed every step of ${loaded.lesson.id}; it runs again from the start.\n`);
    return undefined;
  }
  process.stderr.write(`Welcome back: ${passed} of ${steps.length} steps of ${loaded.lesson.id} passed; carrying on at step ${steps.indexOf(next) + 1}, ${next.title} (--from STEP starts elsewhere).\n`);
  return next.id;
}

/**
 * The interaction with each question asked in the learner's order (the same order the TUI shows, from the
 * learner id in the progress file), its answer handed to the engine in the author's numbers.
 */
function inLearnersOrder(interaction: StdinInteraction, learnerId: () => string, lessonId: string): Interaction {
  const { answerQuiz } = interaction;
  // The id is read (and made, the first time) only when a question is asked.
  return answerQuiz ? { ...interaction, answerQuiz: askShuffled(answerQuiz, (quiz, stepId) => quizOrderFor(learnerId(), lessonId)(quiz, stepId)) } : interaction;
}

/** `asking` is given when the caller already reads stdin (the plain mode picked the lesson through it). */
export async function runCommand(globals: GlobalOptions, flags: Flags, args: string[], asking?: StdinInteraction): Promise<number> {
  const [wanted, ...extra] = args;
  if (!wanted) throw new UserError("which lesson? Usage: mesh-workshop run <lesson> (see 'mesh-workshop list')");
  if (extra.length > 0) throw new UserError(`unexpected argument '${extra[0] ?? ''}' after the lesson name`);
  const loaded = await findLesson(globals, wanted);
  if (flags.replay !== undefined && flags.record !== undefined) throw new UserError('--record records real runs, and a replay runs nothing: use one or the other');
  const recording = flags.replay === undefined ? undefined : (await import('../recording/read-recording.js')).readRecording(flags.replay, loaded.lesson.id);
  const { reporters, closeFiles } = await makeReporters(flags, loaded.lesson);
  if (flags.record !== undefined) reporters.push(await makeRecorder(path.resolve(flags.record)));
  // The classroom hears of the run as one more reporter (src/classroom/learner-reporter.ts).
  const classroom = globals.classroom ? (await import('../classroom/join.js')).joinFromCommandLine(globals) : undefined;
  if (classroom) reporters.push(classroom.reporter);
  const progress = openProgress(globals.home);
  if (progress.recovered) process.stderr.write(`mesh-workshop: ${progress.recovered}\n`);
  const saved = progress.lesson(loaded.lesson.id);

  if (!flags.yes && !asking && stdinHoldsNoAnswers()) throw new UserError(NO_ANSWERS);
  const interaction = flags.yes ? undefined : (asking ?? askOnStdin());
  interaction?.setLesson(loaded, globals.home);
  if (classroom) interaction?.setClassroom(classroom.reporter);
  if (flags['allow-context']?.length) {
    const { allowRequestedContexts } = await import('./context.js');
    try {
      await allowRequestedContexts(globals.home, flags['allow-context'], interaction?.ask);
    } catch (error) {
      // Nothing runs: let go of stdin so the process can end with the message.
      if (!asking) interaction?.close();
      throw error;
    }
  }
  const from = flags.from ?? (interaction && flags.to === undefined && !recording ? resumeAt(loaded, saved.steps) : undefined);
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nmesh-workshop: stopping the running step (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  // Nobody reads the report any more: stop the running step quietly (cli.ts gives the exit code).
  const onReaderGone = (): void => controller.abort();
  stdoutClosed.addEventListener('abort', onReaderGone);

  const stepStatus = { ...saved.steps };
  const watched = { ...saved.watched };
  const emit = (event: EngineEvent): void => {
    for (const reporter of reporters) reporter.handle(event);
    if (event.type !== 'step-finished') return;
    if (recording) {
      // Watched, not passed: a replay never marks a step done.
      if (event.status === 'passed' || event.status === 'failed') watched[event.stepId] = { verdict: event.status, at: new Date().toISOString(), recordedAt: recording.index.recordedAt };
      return;
    }
    // Skipping or quitting at a prompt does not undo a step passed before.
    const before = stepStatus[event.stepId]?.status;
    if (before === 'passed' && (event.status === 'skipped' || event.status === 'cancelled')) return;
    stepStatus[event.stepId] = { status: event.status, at: new Date().toISOString(), ...(event.doneBy ? { doneBy: event.doneBy } : {}) };
  };
  // What a run and a replay of it share: the same steps, asked in the learner's order.
  const walk = {
    lesson: loaded,
    emit,
    signal: controller.signal,
    ...(interaction ? { interaction: inLearnersOrder(interaction, () => progress.learnerId(), loaded.lesson.id) } : {}),
    ...(from === undefined ? {} : { from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
    setup: flags['no-setup'] !== true,
    cleanup: flags.cleanup === true,
    optional: flags.optional === true,
  };
  try {
    if (recording) {
      const { replayLesson } = await import('../recording/replay-lesson.js');
      const outcome = await replayLesson({ ...walk, recording: recording.index, recordingFile: recording.indexFile });
      progress.saveLesson(loaded.lesson.id, { ...progress.lesson(loaded.lesson.id), watched });
      return outcome.status === 'passed' ? 0 : outcome.status === 'cancelled' ? 130 : 1;
    }
    const outcome = await runLesson({ ...walk, home: globals.home, vars: saved.vars });
    progress.saveLesson(loaded.lesson.id, { vars: outcome.vars, steps: stepStatus, ...(saved.watched ? { watched: saved.watched } : {}) });
    return outcome.status === 'passed' ? 0 : outcome.status === 'cancelled' ? 130 : 1;
  } finally {
    for (const reporter of reporters) reporter.finish();
    await closeFiles();
    await classroom?.leave();
    interaction?.close();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    stdoutClosed.removeEventListener('abort', onReaderGone);
  }
}
