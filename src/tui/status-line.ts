/** What the status line says: the message of the moment, a yes/no question, or the keys for the screen. */
import { FIELD_LABELS } from '../classroom/join-details.js';
import type { EventOf, StepStatus, TaskDoneBy } from '../engine/events.js';
import type { Screen } from './keymap.js';
import type { LessonScreenState } from './lesson-state.js';

/** Said when a step finishes: what happened and which key comes next. A task says so in its own words. */
export function finishedMessage(status: StepStatus, task?: TaskDoneBy | 'learner-to-do'): string {
  if (status === 'passed' && task === 'help') return '✓ Done with help: the workshop ran the solution. Enter: next step';
  if (status === 'passed' && task === 'learner') return '✓ Done: your work passes every check. Enter: next step';
  if (status === 'failed' && task !== undefined) return '✗ Not yet: the checks below say what is missing. s: shell · h: a hint · Enter: check again';
  if (status === 'passed') return '✓ Passed. Enter: next step · r: run it again';
  if (status === 'failed') return '✗ Not yet. h: a hint · r: run it again · the checks below say why';
  if (status === 'cancelled') return '■ Stopped, with everything it started.';
  return '- Skipped. Enter: next step';
}

/**
 * Said when the learner answers a quiz question: right or not, and the lesson's explanation. The event speaks
 * of the author's choice numbers; `shown` is the question as the learner saw it, whose number is the one to say.
 */
export function quizVerdictMessage({ correct, quiz }: EventOf<'quiz-answered'>, shown: { answer: number } = quiz): string {
  return `${correct ? '✓ Right.' : `✗ Not quite: it is ${shown.answer}.`} ${quiz.explanation}`;
}

/** What the status line is made from (a part of the workshop's state). */
export interface StatusSource {
  screen: Screen;
  message: string;
  confirm?: { question: string } | undefined;
  lesson: Pick<LessonScreenState, 'title' | 'selected' | 'steps' | 'running'>;
  /** A question waiting for the learner's number: no clock ticks while they think. */
  quiz?: { choices: readonly string[] } | undefined;
  /** j: the classroom's address, code and name being typed. */
  joinForm?: { field: number; values: readonly string[]; problem?: string | undefined } | undefined;
}

const JOIN_FIELD_NAMES = [`${FIELD_LABELS.url} (http://…:7777)`, FIELD_LABELS.code, FIELD_LABELS.name];

/** What the selected step's state means for the keys, said in the status line when nothing else is. */
const STEP_NOW: Partial<Record<string, string>> = {
  passed: '✓ passed · Enter next step · r run again',
  failed: '✗ not yet · h hint · r run again',
  skipped: '- skipped · Enter next step · r run it',
  cancelled: '■ stopped · Enter run',
};

/** The status line's text; `elapsed` is how long the running step has run, in seconds. */
export function statusText(state: StatusSource, elapsed: number): string {
  if (state.confirm) return `${state.confirm.question} (y/n)`;
  if (state.joinForm) {
    const { field, values, problem } = state.joinForm;
    const next = field < 2 ? 'Enter next' : 'Enter join';
    return `${problem ? `✗ ${problem} · ` : ''}Join a classroom ${field + 1}/3 · ${JOIN_FIELD_NAMES[field] ?? ''}: ${values[field] ?? ''}▏ · ${next} · Esc cancel`;
  }
  if (state.message) return state.message;
  if (state.screen === 'home') return '↑↓ choose · Enter open · ? keys · q quit';
  if (state.screen === 'complete') return `${state.lesson.title} · complete · Enter next lesson · Esc back · Tab lessons · ? keys · q quit`;
  const { lesson } = state;
  const where = `${lesson.title} · step ${lesson.selected + 1}/${lesson.steps.length}`;
  if (state.quiz) return `${where} · a question: press 1-${state.quiz.choices.length} to answer · Esc skips it`;
  const running = lesson.running ? ` · running ${elapsed}s (Esc stops)` : '';
  const step = lesson.steps[lesson.selected];
  if (step?.task && !lesson.running && step.state !== 'passed' && step.state !== 'skipped') {
    // A task is the learner's to do: the keys that do it come first.
    const file = step.task.scaffold ? ' · e edit the file' : '';
    const apply = step.task.apply ? ' · a apply it' : '';
    return `${where} · your turn: s shell${file}${apply} · Enter check · h hint · f do it for me · ? keys`;
  }
  const now = lesson.running ? undefined : STEP_NOW[step?.state ?? 'pending'];
  return `${where}${running} · ${now ?? 'Enter run'} · h hint · s shell · c copy · Tab lessons · ? keys · q quit`;
}
