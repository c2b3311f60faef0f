/** Walking a lesson's steps and checks (types only: usable where the schema library is not loaded). */
import type { Check, Lesson, Step, TaskFiles } from './schema.js';

/** Every step of a lesson in the order a full run meets them: setup, steps, cleanup. */
export function allSteps(lesson: Lesson): Step[] {
  return [...(lesson.setup ?? []), ...lesson.steps, ...(lesson.cleanup ?? [])];
}

/** A step's checks as a list, whether written as one check or several. */
export function stepChecks(step: Step): Check[] {
  if (step.check === undefined) return [];
  return Array.isArray(step.check) ? step.check : [step.check];
}

/** The snapshot command of a step whose view is a before/after diff of Envoy's config. */
export function diffSnapshot(step: Step): string | undefined {
  return typeof step.view === 'object' && step.view.kind === 'proxy-config/diff' ? step.view.snapshot : undefined;
}

/**
 * Every script a step runs: its command, its checks' own commands, a diff view's snapshot, and for a task
 * its solution and apply command (the workshop runs those when asked, and unattended).
 */
export function stepScripts(step: Step): string[] {
  const task = step.task === undefined ? [] : [step.solution, step.task === true ? undefined : step.task.apply];
  return [step.run, ...stepChecks(step).map((check) => check.run), diffSnapshot(step), ...task].filter((script): script is string => script !== undefined);
}

/** A task step's files and apply command, or undefined for a step the workshop runs. */
export function taskOf(step: Step): TaskFiles | undefined {
  if (step.task === undefined) return undefined;
  return step.task === true ? {} : step.task;
}
