/**
 * The TUI's side of tasks: the workshop shell and the editor on the terminal (handed over by the app, which
 * stops drawing and reading keys meanwhile), the learner's file checked when the editor closes, and the
 * file compared with the finished one. What comes of each goes back in as an action. No Ink here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Step } from '../lesson/schema.js';
import { allSteps, taskOf } from '../lesson/steps.js';
import type { LessonSession } from './lesson-session.js';
import type { Dispatch } from './workshop-effects.js';

export interface TerminalHandOver {
  /** Gives the terminal to `run` (the screen is left, keys go to the program), and takes it back after. */
  <T>(run: (writeToTerminal: (text: string) => void) => Promise<T>): Promise<T>;
}

export interface TaskDeps {
  home: string;
  vars(lessonId: string): Record<string, string>;
  handOver?: TerminalHandOver | undefined;
  env: NodeJS.ProcessEnv;
}

const NO_TERMINAL = 'There is no terminal to hand over here: run `mesh-workshop shell` in another terminal.';

function stepOf(session: LessonSession, stepId: string): Step | undefined {
  return allSteps(session.loaded.lesson).find((step) => step.id === stepId);
}

function taskFilesOf(session: LessonSession, stepId: string): ReturnType<typeof taskOf> {
  const step = stepOf(session, stepId);
  return step ? taskOf(step) : undefined;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function openShell(session: LessonSession, stepId: string, dispatch: Dispatch, deps: TaskDeps): void {
  const { handOver } = deps;
  if (!handOver) return dispatch({ type: 'say', message: NO_TERMINAL });
  const step = stepOf(session, stepId);
  void (async () => {
    // Loaded when first used: the environment brings the kubeconfig reader and its YAML parser.
    const { lessonShell, runOnTerminal } = await import('../workspace/lesson-shell.js');
    const { commandsTypedSince } = await import('../workspace/workshop-shell.js');
    const launch = lessonShell(deps.home, session.loaded, deps.vars(session.loaded.lesson.id), step?.task ? step : undefined);
    const result = await handOver((write) => {
      write(`${launch.banner}\n\n`);
      return runOnTerminal(launch.command, launch.args, { env: launch.env, cwd: launch.cwd });
    });
    const { shellBreach } = await import('../workspace/lesson-shell.js');
    dispatch({ type: 'shell-closed', stepId, commands: commandsTypedSince(readText(launch.historyFile), launch.historyStart), error: result.error, breach: shellBreach(deps.home) });
  })().catch((error: unknown) => dispatch({ type: 'say', message: `The shell could not start: ${error instanceof Error ? error.message : String(error)}` }));
}

export function editFile(session: LessonSession, stepId: string, dispatch: Dispatch, deps: TaskDeps): void {
  const { handOver } = deps;
  const scaffold = taskFilesOf(session, stepId)?.scaffold;
  if (!scaffold) return;
  if (!handOver) return dispatch({ type: 'say', message: NO_TERMINAL });
  void (async () => {
    const { editorLaunch, runOnTerminal } = await import('../workspace/lesson-shell.js');
    const { ensureWorkspace, placeScaffold } = await import('../workspace/workspace.js');
    const placed = placeScaffold(session.loaded.dir, ensureWorkspace(deps.home, session.loaded.lesson.id), scaffold);
    const editor = editorLaunch(placed.file, deps.env);
    const result = await handOver(() => runOnTerminal(editor.command, editor.args, { cwd: path.dirname(placed.file) }));
    if (result.error) return dispatch({ type: 'say', message: result.error });
    const { writtenFileNotes } = await import('../workspace/written-file.js');
    const notes = await writtenFileNotes(placed.file);
    dispatch({ type: 'file-notes', stepId, lines: notes.lines, message: notes.message });
  })().catch((error: unknown) => dispatch({ type: 'say', message: `The editor could not start: ${error instanceof Error ? error.message : String(error)}` }));
}

/** The solution level of a file task: what differs between the learner's file and the finished one. */
export function compareWithReference(session: LessonSession, stepId: string, dispatch: Dispatch, deps: TaskDeps): void {
  const task = taskFilesOf(session, stepId);
  if (!task?.scaffold || !task.reference) return;
  const { scaffold, reference } = task;
  void (async () => {
    const { fileAgainstFinished, lessonWorkspace } = await import('../workspace/workspace.js');
    const compared = fileAgainstFinished(session.loaded.dir, lessonWorkspace(deps.home, session.loaded.lesson.id), scaffold, reference);
    const { name } = compared;
    if (compared.state === 'missing') {
      dispatch({ type: 'file-notes', stepId, lines: [`The finished ${name}:`, ...compared.finished.map((line) => `  ${line}`)], message: `You have no ${name} yet (e copies the starter in): the finished file is below.` });
      return;
    }
    dispatch({
      type: 'file-notes',
      stepId,
      lines: compared.state === 'same' ? [`Your ${name} is the finished file already: a to apply it, or apply it from the shell.`] : [`Your ${name} against the finished one (- yours, + the finished file):`, ...compared.diff],
      message: compared.state === 'same' ? '' : 'The solution is below: what your file lacks is marked +.',
    });
  })().catch((error: unknown) => dispatch({ type: 'say', message: error instanceof Error ? error.message : String(error) }));
}
