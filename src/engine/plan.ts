/** Which steps a run covers: setup, then the lesson's steps (optionally --from/--to), then cleanup if asked. */
import { UserError } from '../errors.js';
import type { Lesson, Step } from '../lesson/schema.js';
import { taskOf } from '../lesson/steps.js';
import { closestName } from '../lesson/suggest.js';
import type { Phase, StepOutline } from './events.js';

export interface PlannedStep {
  step: Step;
  phase: Phase;
}

export interface PlanOptions {
  from?: string;
  to?: string;
  /** Run the lesson's setup steps first (default true: they are idempotent). */
  setup?: boolean;
  /** Run the cleanup steps at the end (default false). */
  cleanup?: boolean;
  /** Run just this step, whatever its phase (the TUI runs one step per key); the other options are ignored. */
  only?: string;
  /** Run optional steps too (otherwise they are reported as skipped). */
  optional?: boolean;
}

function indexOfStep(steps: readonly Step[], id: string, flag: string): number {
  const index = steps.findIndex((step) => step.id === id);
  if (index >= 0) return index;
  const guess = closestName(id, steps.map((step) => step.id));
  const known = steps.map((step) => step.id).join(', ');
  throw new UserError(`${flag} ${id}: no such step${guess ? ` (did you mean '${guess}'?)` : ''}; steps are: ${known}`);
}

export function planSteps(lesson: Lesson, options: PlanOptions = {}): PlannedStep[] {
  if (options.only !== undefined) {
    const every = planSteps(lesson, { setup: true, cleanup: true });
    const index = indexOfStep(every.map((planned) => planned.step), options.only, 'step');
    return every.slice(index, index + 1);
  }
  const first = options.from === undefined ? 0 : indexOfStep(lesson.steps, options.from, '--from');
  const last = options.to === undefined ? lesson.steps.length - 1 : indexOfStep(lesson.steps, options.to, '--to');
  if (last < first) throw new UserError(`--to ${options.to ?? ''} comes before --from ${options.from ?? ''}`);
  return [
    ...(options.setup === false ? [] : (lesson.setup ?? []).map((step) => ({ step, phase: 'setup' as const }))),
    ...lesson.steps.slice(first, last + 1).map((step) => ({ step, phase: 'steps' as const })),
    ...(options.cleanup ? (lesson.cleanup ?? []).map((step) => ({ step, phase: 'cleanup' as const })) : []),
  ];
}

export function hintLevels(step: Step): string[] {
  return step.hint === undefined ? [] : typeof step.hint === 'string' ? [step.hint] : step.hint;
}

export function outlineOf(planned: PlannedStep): StepOutline {
  const { step } = planned;
  return {
    id: step.id,
    title: step.title,
    phase: planned.phase,
    ...(step.run === undefined ? {} : { command: step.run }),
    hints: hintLevels(step),
    ...(step.solution === undefined ? {} : { solution: step.solution }),
    ...(step.explain === undefined ? {} : { explain: step.explain }),
    ...(step.diagram === undefined ? {} : { diagram: step.diagram }),
    ...(step.highlight === undefined ? {} : { highlight: step.highlight }),
    ...(step.optional ? { optional: true } : {}),
    ...(step.task === undefined ? {} : { task: taskOf(step) ?? {} }),
  };
}
