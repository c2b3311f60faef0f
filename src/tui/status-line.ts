/** What the status line says: the message of the moment, a yes/no question, or the keys for the screen. */
import type { EventOf, StepStatus } from '../engine/events.js';
import type { Screen } from './keymap.js';
import type { LessonScreenState } from './lesson-state.js';

/** Said when a step finishes: what happened and which key comes next. */
export function finishedMessage(status: StepStatus): string {
  if (status === 'passed') return '✓ Passed. Enter: next step · r: run it again';
  if (status === 'failed') return '✗ Not yet. h: a hint · r: run it again · the checks below say why';
  if (status === 'cancelled') return '■ Stopped, with everything it started.';
  return '- Skipped. Enter: next step';
}

/** Said when the learner answers a quiz question: right or not, and the lesson's explanation. */
export function quizVerdictMessage({ correct, quiz }: EventOf<'quiz-answered'>): string {
  return `${correct ? '✓ Right.' : `✗ Not quite: it is ${quiz.answer}.`} ${quiz.explanation}`;
}

/** What the status line is made from (a part of the workshop's state). */
export interface StatusSource {
  screen: Screen;
  message: string;
  confirm?: { question: string } | undefined;
  lesson: Pick<LessonScreenState, 'title' | 'selected' | 'steps' | 'running'>;
}

/** The status line's text; `elapsed` is how long the running step has run, in seconds. */
export function statusText(state: StatusSource, elapsed: number): string {
  if (state.confirm) return `${state.confirm.question} (y/n)`;
  if (state.message) return state.message;
  if (state.screen === 'home') return '↑↓ choose · Enter open · ? keys · q quit';
  const { lesson } = state;
  const running = lesson.running ? ` · running ${elapsed}s (Esc stops)` : '';
  return `${lesson.title} · step ${lesson.selected + 1}/${lesson.steps.length}${running} · Enter run · h hint · c copy · Tab lessons · ? keys · q quit`;
}
