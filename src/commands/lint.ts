/** `mesh-workshop lint`: every problem in every lesson, as PATH:LINE:COL: message. */
import type { GlobalOptions, Flags } from './options.js';
import { UserError } from '../errors.js';
import { formatProblem, hasErrors, problemsToKeep, problemsToShow } from '../lesson/problems.js';
import { packFingerprint, readCache, writeCache, type CachedLint } from './result-cache.js';

async function currentLint(globals: GlobalOptions): Promise<CachedLint> {
  const fingerprint = packFingerprint(globals.lessonsDir, true);
  if (fingerprint === undefined) throw new UserError(`no lessons in ${globals.lessonsDir}: the folder does not exist`);
  // Problem files are kept absolute and shown from where this command runs.
  const cached = readCache<CachedLint>(globals.home, 'lint', globals.lessonsDir, fingerprint);
  if (cached) return { ...cached, problems: problemsToShow(cached.problems) };
  const { lintPack } = await import('../lint/lint-pack.js');
  const { lessons, problems, outside } = lintPack(globals.lessonsDir);
  const result = { lessons: lessons.length, problems };
  // A lesson that refers to files outside the pack depends on more than the fingerprint covers.
  if (!outside) writeCache(globals.home, 'lint', globals.lessonsDir, fingerprint, { ...result, problems: problemsToKeep(problems) });
  return result;
}

export async function lintCommand(globals: GlobalOptions, flags: Flags): Promise<number> {
  const { lessons, problems } = await currentLint(globals);
  for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  process.stderr.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(lessons, 'lesson')}${flags.strict && warnings > 0 ? ' (--strict: warnings fail)' : ''}\n`);
  return hasErrors(problems, flags.strict === true) ? 1 : 0;
}
