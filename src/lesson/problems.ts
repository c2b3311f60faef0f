/** A problem found in a lesson file, located the way editors and compilers print it. */
import path from 'node:path';

export interface Problem {
  file: string;
  line: number;
  col: number;
  severity: 'error' | 'warning';
  message: string;
}

export function formatProblem(problem: Problem): string {
  const tag = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}:${problem.line}:${problem.col}: ${tag}${problem.message}`;
}

export function hasErrors(problems: readonly Problem[], strict = false): boolean {
  return problems.some((problem) => problem.severity === 'error' || strict);
}

/** Sort by file, then position, so lint output reads top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/** How a path is shown to the user: relative when below the working directory. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Problems as kept between runs (result-cache.ts): each file absolute, to be shown from wherever the next command runs. */
export function problemsToKeep(problems: readonly Problem[]): Problem[] {
  return problems.map((problem) => ({ ...problem, file: path.resolve(problem.file) }));
}

/** Kept problems, each file as shown from here. */
export function problemsToShow(problems: readonly Problem[]): Problem[] {
  return problems.map((problem) => ({ ...problem, file: displayPath(problem.file) }));
}
