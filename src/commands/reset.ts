/** `mesh-workshop reset [lesson]`: forget progress (one lesson's, or all), after asking unless --yes. */
import { createInterface } from 'node:readline';
import { UserError } from '../errors.js';
import { loadLessonPack } from '../lesson/load.js';
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
  if (lessonId !== undefined && !loadLessonPack(globals.lessonsDir).lessons.some((loaded) => loaded.lesson.id === lessonId)) {
    throw new UserError(`no lesson '${lessonId}' ('mesh-workshop list' shows them)`);
  }
  const what = lessonId === undefined ? 'all your progress (every lesson)' : `your progress in '${lessonId}'`;
  if (!flags.yes && !(await confirmed(`Forget ${what}?`))) {
    process.stderr.write('Nothing was changed.\n');
    return 1;
  }
  openProgress(globals.home).reset(lessonId);
  process.stdout.write(`Forgot ${what}.\n`);
  return 0;
}
