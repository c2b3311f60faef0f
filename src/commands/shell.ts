/**
 * `mesh-workshop shell [LESSON]`: the workshop shell from the command line, for a second terminal or an
 * editor's terminal while the workshop waits on a task: the same environment, workspace and prompt as `s`.
 * The lesson defaults to the one the learner was in last; the task named is where they are in it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { allSteps } from '../lesson/steps.js';
import { openProgress } from '../progress/store.js';
import { lessonShell, runOnTerminal, shellBreach } from '../workspace/lesson-shell.js';
import { commandsTypedSince } from '../workspace/workshop-shell.js';
import type { Flags, GlobalOptions } from './options.js';
import { findLesson } from './run.js';

export async function shellCommand(globals: GlobalOptions, _flags: Flags, args: string[]): Promise<number> {
  const [wanted, ...extra] = args;
  if (extra.length > 0) throw new UserError(`unexpected argument '${extra[0] ?? ''}'; usage: mesh-workshop shell [lesson]`);
  const progress = openProgress(globals.home);
  const lessonId = wanted ?? progress.lastLesson();
  if (lessonId === undefined) throw new UserError("which lesson? Usage: mesh-workshop shell <lesson> (no lesson has been started yet; 'mesh-workshop list' shows them)");
  const loaded = await findLesson(globals, lessonId);
  const saved = progress.lesson(loaded.lesson.id);
  const steps = allSteps(loaded.lesson);
  // Where the learner is: the step saved as current, else the first not passed.
  const here = steps.find((step) => step.id === saved.current && saved.steps[step.id]?.status !== 'passed') ?? steps.find((step) => saved.steps[step.id]?.status !== 'passed');
  const launch = lessonShell(globals.home, loaded, saved.vars, here?.task ? here : undefined, true);
  process.stderr.write(`${launch.banner}\n\n`);
  const result = await runOnTerminal(launch.command, launch.args, { env: launch.env, cwd: launch.cwd });
  if (result.error) throw new UserError(result.error);
  const typed = existsSync(launch.historyFile) ? commandsTypedSince(readFileSync(launch.historyFile, 'utf8'), launch.historyStart) : [];
  process.stderr.write(`Left the workshop shell (${typed.length} command${typed.length === 1 ? '' : 's'} typed, kept in ${launch.historyFile}).\n`);
  const breach = shellBreach(globals.home);
  if (breach) {
    process.stderr.write(`${breach}\n`);
    return 1;
  }
  return 0;
}
