/** `mesh-workshop reset [lesson]`: forget progress (one lesson's, or all), after asking unless --yes. */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { lessonWorkspace } from '../workspace/workspace.js';
import { UserError } from '../errors.js';
import { readLessonPack } from './lesson-pack.js';
import { openProgress } from '../progress/store.js';
import type { Flags, GlobalOptions } from './options.js';

async function confirmed(question: string): Promise<boolean> {
  process.stderr.write(`${question} [y/N] `);
  const lines = createInterface({ input: process.stdin, terminal: false });
  const answer = await new Promise<string>((resolve) => {
    lines.once('line', resolve);
    lines.once('close', () => resolve(''));
  });
  lines.close();
  return /^y(es)?$/i.test(answer.trim());
}

export async function resetCommand(globals: GlobalOptions, flags: Flags, args: string[]): Promise<number> {
  const [lessonId, ...extra] = args;
  if (extra.length > 0) throw new UserError(`unexpected argument '${extra[0] ?? ''}'; usage: mesh-workshop reset [lesson] [--yes]`);
  if (lessonId !== undefined && !(await readLessonPack(globals.home, globals.lessonsDir)).lessons.some((loaded) => loaded.lesson.id === lessonId)) {
    throw new UserError(`no lesson '${lessonId}' ('mesh-workshop list' shows them)`);
  }
  const what = lessonId === undefined ? 'all your progress (every lesson)' : `your progress in '${lessonId}'`;
  // The files the learner wrote for tasks go with the progress: a reset lesson starts from its scaffolds.
  const workspace = lessonId === undefined ? path.join(globals.home, 'work') : lessonWorkspace(globals.home, lessonId);
  // Named in the question only when there is something of the learner's in it.
  const files = existsSync(workspace) && readdirSync(workspace).length > 0 ? ` and your files in ${workspace}` : '';
  if (!flags.yes && !(await confirmed(`Forget ${what}${files}?`))) {
    process.stderr.write('Nothing was changed.\n');
    return 1;
  }
  openProgress(globals.home).reset(lessonId);
  rmSync(workspace, { recursive: true, force: true });
  process.stdout.write(`Forgot ${what}${files}.\n`);
  return 0;
}
