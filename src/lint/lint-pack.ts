/** Lint a whole lesson pack: each lesson, plus what only makes sense across lessons (ids, requires). */
import path from 'node:path';
import { loadLessonPack, problemAt, type ParsedLesson } from '../lesson/load.js';
import { sortProblems, type Problem } from '../lesson/problems.js';
import { allSteps } from '../lesson/steps.js';
import { closestName } from '../lesson/suggest.js';
import { lintLesson } from './lint-lesson.js';

export interface PackLint {
  lessons: ParsedLesson[];
  problems: Problem[];
  /** True when a lesson refers to a file or folder outside the pack (so the pack alone does not decide the result). */
  outside: boolean;
}

export function lintPack(packDir: string): PackLint {
  const { lessons, problems } = loadLessonPack(packDir);
  for (const loaded of lessons) problems.push(...lintLesson(loaded));
  problems.push(...crossLessonProblems(lessons));
  return { lessons, problems: sortProblems(problems), outside: lessons.some((loaded) => refersOutside(loaded, packDir)) };
}

function refersOutside(loaded: ParsedLesson, packDir: string): boolean {
  const { lesson } = loaded;
  const references = allSteps(lesson).flatMap((step) => [
    ...(step.text !== undefined && typeof step.text !== 'string' ? [step.text.file] : []),
    ...(step.cwd === undefined ? [] : [step.cwd]),
  ]);
  return references.some((reference) => path.relative(path.resolve(packDir), path.resolve(loaded.dir, reference)).startsWith('..'));
}

function crossLessonProblems(lessons: readonly ParsedLesson[]): Problem[] {
  const problems: Problem[] = [];
  const ids = lessons.map((loaded) => loaded.lesson.id);
  const seen = new Map<string, string>();
  for (const [order, loaded] of lessons.entries()) {
    const at = problemAt(loaded.file, loaded.parsed);
    const { id } = loaded.lesson;
    const first = seen.get(id);
    if (first) problems.push(at('error', `lesson id '${id}' is also used by ${first}`, ['id']));
    else seen.set(id, loaded.file);
    const folder = path.basename(loaded.dir);
    if (!folder.endsWith(`-${id}`) && folder !== id) {
      problems.push(at('warning', `the folder is named '${folder}'; name it NN-${id} so the order and the id agree`, ['id']));
    }
    for (const [index, required] of (loaded.lesson.requires ?? []).entries()) {
      const target = ids.indexOf(required);
      if (target < 0) {
        const guess = closestName(required, ids);
        problems.push(at('error', `requires unknown lesson '${required}'${guess ? ` (did you mean '${guess}'?)` : ''}`, ['requires', index]));
      } else if (target >= order) {
        problems.push(at('error', `requires '${required}', which comes later in the lesson order`, ['requires', index]));
      }
    }
  }
  return problems;
}
