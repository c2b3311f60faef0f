/** `mesh-workshop lint`: every problem in every lesson, as PATH:LINE:COL: message. */
import type { GlobalOptions, Flags } from '../cli.js';
import { formatProblem, hasErrors } from '../lesson/problems.js';
import { lintPack } from '../lint/lint-pack.js';

export function lintCommand(globals: GlobalOptions, flags: Flags): number {
  const { lessons, problems } = lintPack(globals.lessonsDir);
  for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  process.stderr.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(lessons.length, 'lesson')}${flags.strict && warnings > 0 ? ' (--strict: warnings fail)' : ''}\n`);
  return hasErrors(problems, flags.strict === true) ? 1 : 0;
}
