// Types for scripts/e2e-summary.mjs, which the tests import.
export interface LessonOutcome {
  tests: number;
  failures: number;
  skipped: number;
  seconds: number;
}
export function lessonOutcome(junitFile: string): LessonOutcome | undefined;
export function duration(seconds: number): string;
export function summaryRow(lesson: string, outcome: LessonOutcome | undefined): string;
export function summaryMarkdown(junitDir: string, lessons: readonly string[], event?: string): string;
