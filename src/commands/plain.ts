/**
 * The line-by-line workshop (`--plain`, or ACCESSIBLE=1 for screen readers): no full-screen drawing, no
 * spinners, no boxes. After the list it asks which lesson to open, then runs it asking before each step.
 */
import { openProgress } from '../progress/store.js';
import type { Flags, GlobalOptions } from './options.js';
import { askOnStdin, runCommand } from './run.js';
import { readLessonPack } from './lesson-pack.js';

export async function plainWorkshop(globals: GlobalOptions, flags: Flags): Promise<number> {
  const { lessons } = await readLessonPack(globals.home, globals.lessonsDir);
  const ids = lessons.map((loaded) => loaded.lesson.id);
  const last = openProgress(globals.home).lastLesson();
  const suggested = last && ids.includes(last) ? last : ids[0];
  const asking = askOnStdin();
  try {
    for (;;) {
      const answer = await asking.ask(`\nWhich lesson? Type its id or number${suggested ? ` (Enter: ${suggested})` : ''}, or q to quit: `);
      if (answer === undefined || /^q(uit)?$/i.test(answer.trim())) return 0;
      const word = answer.trim() || suggested || '';
      const chosen = /^\d+$/.test(word) ? ids[Number(word)] : ids.find((id) => id === word);
      if (!chosen) {
        process.stderr.write(`No lesson '${word}'. Lessons: ${ids.join(', ')}\n`);
        continue;
      }
      return await runCommand(globals, flags, [chosen], asking);
    }
  } finally {
    asking.close();
  }
}
