/**
 * The lesson-complete view as lines: how the steps went (passed, done with help, skipped), the time spent
 * against the estimate, what the lesson taught (its summary), and the next lesson with its estimate and
 * what it needs. Pure and width-aware; wrapped at word boundaries, nothing cut.
 */
import type { PanelLine } from './check-panel-lines.js';
import type { LessonScreenState, StepView } from './lesson-state.js';
import { wrapWithPrefix } from '../views/wrap-text.js';

/** The steps that count towards a lesson being done: its own, not setup, cleanup or optional ones. */
function ownSteps(lesson: Pick<LessonScreenState, 'steps'>): StepView[] {
  return lesson.steps.filter((step) => step.phase === 'steps' && step.optional !== true);
}

/** Whether every one of the lesson's own steps has passed or been skipped. */
export function lessonComplete(lesson: Pick<LessonScreenState, 'steps'>): boolean {
  const own = ownSteps(lesson);
  return own.length > 0 && own.every((step) => step.state === 'passed' || step.state === 'skipped');
}

/** A duration as a learner reads it: "40s", "12m", "1h 5m". */
export function spentText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

export interface NextLesson {
  title: string;
  estimate: string;
  needs: string;
  missing: readonly string[];
}

export interface CompleteFacts {
  lesson: Pick<LessonScreenState, 'title' | 'steps' | 'hintsShown' | 'solutionShown'>;
  summary: string;
  estimate: string;
  /** From the first step's result to the last (saved progress), in ms; undefined when not known. */
  spentMs?: number | undefined;
  next?: NextLesson | undefined;
}

export function lessonCompleteLines({ lesson, summary, estimate, spentMs, next }: CompleteFacts, width: number): PanelLine[] {
  const own = ownSteps(lesson);
  const helped = own.filter((step) => step.state === 'passed' && ((lesson.hintsShown[step.id] ?? 0) > 0 || lesson.solutionShown[step.id] === true || step.doneBy === 'help')).length;
  const passed = own.filter((step) => step.state === 'passed').length - helped;
  const tasks = own.filter((step) => step.task !== undefined);
  const tasksDone = tasks.filter((step) => step.state === 'passed' && step.doneBy !== 'help' && step.doneBy !== 'unattended').length;
  const tasksHelped = tasks.filter((step) => step.state === 'passed' && step.doneBy === 'help').length;
  const skipped = own.filter((step) => step.state === 'skipped').length;
  const wrap = (text: string, prefix = '', tone?: PanelLine['tone']): PanelLine[] => wrapWithPrefix(text, prefix, width).map((line) => (tone ? { text: line, tone } : { text: line }));
  const lines: PanelLine[] = [
    ...wrap(`✓ Lesson complete: ${lesson.title}`, '', 'ok'),
    { text: '' },
    ...wrap(`${passed} passed on your own · ${helped} done with help (a hint or the solution) · ${skipped} skipped, of ${own.length} steps`),
    ...(tasks.length > 0 ? wrap(`Your turns: ${tasksDone} of ${tasks.length} tasks done by you${tasksHelped > 0 ? `, ${tasksHelped} done for you when asked` : ''}`) : []),
    ...wrap(`Time spent: ${spentMs === undefined ? 'not known' : spentText(spentMs)} (the estimate is ${estimate})`),
    { text: '' },
    ...wrap(summary.trim(), 'What it taught: '),
    { text: '' },
  ];
  if (next) {
    lines.push(...wrap(`${next.title} (about ${next.estimate})`, 'Next: ', 'hint'));
    lines.push(...wrap(next.needs, 'Needs: '));
    if (next.missing.length > 0) lines.push(...wrap(next.missing.join(', '), 'Missing here: ', 'fail'));
    lines.push({ text: '' }, ...wrap('Enter opens it · Esc back to this lesson · Tab the lesson list', '', 'muted'));
  } else {
    lines.push(...wrap('That was the last lesson of the workshop.'), { text: '' }, ...wrap('Esc back to this lesson · Tab the lesson list', '', 'muted'));
  }
  return lines;
}

/**
 * The time spent in a lesson: from its first step's saved result to its last, plus the first step's own
 * run (it started before its result was saved); the steps' run times alone when nothing was saved.
 */
export function spentInLesson(saved: Readonly<Record<string, { at: string }>>, steps: readonly Pick<StepView, 'durationMs'>[]): number | undefined {
  const times = Object.values(saved)
    .map((step) => Date.parse(step.at))
    .filter((time) => Number.isFinite(time));
  const ran = steps.reduce((sum, step) => sum + (step.durationMs ?? 0), 0);
  if (times.length === 0) return ran > 0 ? ran : undefined;
  return Math.max(Math.max(...times) - Math.min(...times), ran);
}
