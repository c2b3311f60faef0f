/** Walking a lesson's steps and checks (types only: usable where the schema library is not loaded). */
import type { Check, Lesson, Step } from './schema.js';

/** Every step of a lesson in the order a full run meets them: setup, steps, cleanup. */
export function allSteps(lesson: Lesson): Step[] {
  return [...(lesson.setup ?? []), ...lesson.steps, ...(lesson.cleanup ?? [])];
}

/** A step's checks as a list, whether written as one check or several. */
export function stepChecks(step: Step): Check[] {
  if (step.check === undefined) return [];
  return Array.isArray(step.check) ? step.check : [step.check];
}
