/**
 * The workshop shell and the editor for one lesson: the same environment its steps get (buildEnvironment),
 * the lesson's workspace, and the task the learner is on. Shared by the TUI's `s` and `e`, the line-by-line
 * run and `mesh-workshop shell`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { keepKubeconfigTheWorkshops, kubeconfigBreachMessage } from '../cluster/kubeconfig-integrity.js';
import { clusterEnvironment } from '../cluster/step-environment.js';
import { findOnPath } from '../cluster/tools.js';
import { buildEnvironment } from '../engine/environment.js';
import type { LoadedLesson } from '../lesson/load.js';
import { allSteps } from '../lesson/steps.js';
import type { Step } from '../lesson/schema.js';
import { ensureWorkspace } from './workspace.js';
import { workshopShell, type ShellLaunch } from './workshop-shell.js';

/** The shell for a lesson, on the task `step` (if any), with the values captured so far. */
export function lessonShell(home: string, loaded: LoadedLesson, vars: Readonly<Record<string, string>>, step?: Step, fromCommandLine = false): ShellLaunch {
  const { lesson } = loaded;
  // Checked (and kept as the good copy) before the shell opens, so what the learner changes in it can be undone.
  keepKubeconfigTheWorkshops(home);
  const workspace = ensureWorkspace(home, lesson.id);
  const lessonTmp = path.join(home, 'tmp', lesson.id);
  const env = buildEnvironment({
    home,
    lessonDir: loaded.dir,
    lessonTmp,
    workspace,
    provided: clusterEnvironment(home),
    vars,
    ...(lesson.env ? { lessonEnv: lesson.env } : {}),
    ...(step?.env ? { stepEnv: step.env } : {}),
    // The learner's own shell: their rc files, history and tools' settings live in their HOME.
    learnerHome: true,
  });
  const captured = allSteps(lesson).flatMap((each) => Object.keys(each.capture ?? {}));
  return workshopShell({ env, workspace, scratch: lessonTmp, lessonId: lesson.id, ...(step ? { taskTitle: step.title } : {}), captured, fromCommandLine });
}

/**
 * What the learner did to the workshop kubeconfig in the shell, put right (their own config copied in "to
 * make kubectl work", a context re-pointed), as the message to show them; undefined when nothing was.
 */
export function shellBreach(home: string): string | undefined {
  const verdict = keepKubeconfigTheWorkshops(home);
  return verdict.ok ? undefined : `Back from the shell: ${kubeconfigBreachMessage(verdict, home)}`;
}

/** The learner's editor for a file: $VISUAL, $EDITOR (which may carry options, e.g. `code --wait`), nano, vi. */
export function editorLaunch(file: string, env: Readonly<Record<string, string | undefined>>): { command: string; args: string[] } {
  const chosen = env.VISUAL?.trim() || env.EDITOR?.trim() || (findOnPath('nano', env.PATH ?? '') ? 'nano' : 'vi');
  // Through sh, so an editor named with options works; the file is an argument, never part of the script.
  return { command: '/bin/sh', args: ['-c', `${chosen} "$1"`, 'mesh-workshop-editor', file] };
}

/**
 * Node keeps a read pending on the terminal even with nobody listening; a read made while the shell has the
 * terminal's foreground fails with EIO, which would end the workshop's input for good. So the read is
 * stopped while the program runs, and started again afterwards, as the stream expects it to be.
 */
function pauseTerminalRead(): () => void {
  const handle = (process.stdin as unknown as { _handle?: { reading?: boolean; readStop?: () => number; readStart?: () => number } })._handle;
  if (handle?.reading !== true || typeof handle.readStop !== 'function' || typeof handle.readStart !== 'function') return () => {};
  handle.readStop();
  return () => {
    handle.readStart?.();
  };
}

/**
 * Runs a program on the terminal (the shell, the editor) and waits for it, synchronously: while it runs the
 * workshop makes no call on the terminal at all. An interactive shell takes the terminal's foreground for
 * its own jobs, and a read the workshop still had pending would fail with EIO (or steal the learner's
 * keys); blocked, it reads nothing until the program has ended and given the terminal back. Ctrl-C in it
 * is the program's: the terminal sends SIGINT to both, and the workshop lets its copy pass.
 */
export function runOnTerminal(command: string, args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<{ exitCode: number | null; error?: string }> {
  const ignore = (): void => {};
  process.on('SIGINT', ignore);
  process.on('SIGQUIT', ignore);
  const resumeRead = pauseTerminalRead();
  const result = spawnSync(command, args, { stdio: 'inherit', ...(options.env ? { env: options.env } : {}), ...(options.cwd ? { cwd: options.cwd } : {}) });
  resumeRead();
  // A signal that came while blocked is delivered now: keep ignoring it until it has been.
  setTimeout(() => {
    process.off('SIGINT', ignore);
    process.off('SIGQUIT', ignore);
  }, 200);
  if (result.error) return Promise.resolve({ exitCode: null, error: `${command} could not start: ${result.error.message}` });
  return Promise.resolve({ exitCode: result.status });
}
