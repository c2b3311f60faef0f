/**
 * A task in the line-by-line run (`run` in a terminal, without --yes): the same choices as the TUI's keys,
 * asked on one line: check, the workshop shell, the editor, apply, a hint (then the solution), do it for me,
 * skip, quit. The shell and the editor get the terminal while they run.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StepOutline } from '../engine/events.js';
import type { TaskChoice, TaskPlace } from '../engine/run-lesson.js';
import type { LoadedLesson } from '../lesson/load.js';
import { allSteps } from '../lesson/steps.js';
import { editorLaunch, lessonShell, runOnTerminal, shellBreach } from '../workspace/lesson-shell.js';
import { fileAgainstFinished, placeScaffold } from '../workspace/workspace.js';
import { commandsTypedSince } from '../workspace/workshop-shell.js';
import { writtenFileNotes } from '../workspace/written-file.js';

export interface TaskAsking {
  ask(question: string): Promise<string | undefined>;
  /** Stop reading stdin while another program has the terminal, and read again after. */
  pauseInput(): void;
  resumeInput(): void;
  loaded: LoadedLesson;
  home: string;
  say(text: string): void;
}

function menu(outline: StepOutline): string {
  const task = outline.task ?? {};
  const file = task.scaffold ? `[e]dit ${path.basename(task.scaffold)} · ` : '';
  const apply = task.apply ? '[a]pply it · ' : '';
  return `Your turn. [Enter] check · [s]hell · ${file}${apply}[h]int · [f] do it for me · s[k]ip · [q]uit: `;
}

export async function askAboutTask(io: TaskAsking, outline: StepOutline, place: TaskPlace): Promise<TaskChoice | undefined> {
  const task = outline.task ?? {};
  let hintsGiven = 0;
  for (;;) {
    const answer = await io.ask(menu(outline));
    if (answer === undefined) return undefined;
    const word = answer.trim().toLowerCase();
    if (word === '' || word === 'c' || word === 'check') return 'check';
    if (word === 'a' && task.apply) return 'apply';
    if (word === 'f') return 'solve';
    if (word === 'k' || word === 'skip') return 'skip';
    if (word === 'q' || word === 'quit') return 'quit';
    if (word === 's' || word === 'shell') {
      const typed = await openShell(io, outline, place);
      const breach = shellBreach(io.home);
      if (breach) {
        io.say(breach);
        continue;
      }
      io.say(typed.length > 0 ? `Back from the shell (you typed ${typed.length} command${typed.length === 1 ? '' : 's'}): checking.` : 'Back from the shell: checking.');
      return 'check';
    }
    if (word === 'e' && task.scaffold) {
      await editFile(io, task.scaffold, place.workspace);
      continue;
    }
    if (word === 'h' || word === 'hint') {
      const hint = outline.hints[hintsGiven];
      if (hint !== undefined) {
        hintsGiven++;
        io.say(`hint ${hintsGiven}: ${hint.trim()}`);
      } else {
        io.say(solutionText(io, outline, place.workspace));
      }
    }
  }
}

async function openShell(io: TaskAsking, outline: StepOutline, place: TaskPlace): Promise<string[]> {
  const step = allSteps(io.loaded.lesson).find((each) => each.id === outline.id);
  const launch = lessonShell(io.home, io.loaded, place.vars, step);
  io.say(`${launch.banner}\n`);
  io.pauseInput();
  try {
    const { error } = await runOnTerminal(launch.command, launch.args, { env: launch.env, cwd: launch.cwd });
    if (error) io.say(error);
  } finally {
    io.resumeInput();
  }
  return existsSync(launch.historyFile) ? commandsTypedSince(readFileSync(launch.historyFile, 'utf8'), launch.historyStart) : [];
}

async function editFile(io: TaskAsking, scaffold: string, workspace: string): Promise<void> {
  const placed = placeScaffold(io.loaded.dir, workspace, scaffold);
  if (placed.copied) io.say(`Copied the starter ${path.basename(placed.file)} into ${workspace}.`);
  const editor = editorLaunch(placed.file, process.env);
  io.pauseInput();
  let error: string | undefined;
  try {
    error = (await runOnTerminal(editor.command, editor.args, { cwd: workspace })).error;
  } finally {
    io.resumeInput();
  }
  if (error) return io.say(error);
  const notes = await writtenFileNotes(placed.file);
  io.say([...notes.lines, notes.message].join('\n'));
}

/** After the hints: the solution; for a file to write, what differs between the learner's file and the finished one. */
function solutionText(io: TaskAsking, outline: StepOutline, workspace: string): string {
  const { scaffold, reference } = outline.task ?? {};
  if (scaffold && reference) {
    const compared = fileAgainstFinished(io.loaded.dir, workspace, scaffold, reference);
    if (compared.state === 'missing') return `The finished ${compared.name}:\n${compared.finished.join('\n')}\n`;
    return compared.state === 'same' ? `Your ${compared.name} is the finished file already.` : `Your ${compared.name} against the finished one (- yours, + the finished file):\n${compared.diff.join('\n')}`;
  }
  return outline.solution ? `solution:\n  ${outline.solution.trim().split('\n').join('\n  ')}` : 'No more hints for this task.';
}
