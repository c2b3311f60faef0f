/** Learner ids for tests: one whose order of a question's choices is the one a test wants to see. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { choiceOrder, shownChoice } from '../../src/lesson/quiz-order.js';
import { PROGRESS_FILE } from '../../src/progress/store.js';

/** The first id `learner-N` that shows `lesson`/`step`'s choices in `order` (author indexes from 0, as shown). */
export function learnerIdFor(lessonId: string, stepId: string, order: readonly number[]): string {
  for (let n = 0; n < 100_000; n++) {
    const id = `learner-${n}`;
    if (choiceOrder(id, lessonId, stepId, order.length).join(',') === order.join(',')) return id;
  }
  throw new Error(`no learner id shows ${lessonId}/${stepId} as ${order.join(',')}`);
}

/** A state directory whose progress file names this learner (so the order of every question is known). */
export function homeOfLearner(home: string, learnerId: string): string {
  writeFileSync(path.join(home, PROGRESS_FILE), `${JSON.stringify({ format: 1, learnerId, lessons: {} }, null, 2)}\n`);
  return home;
}

/** The number `learnerId` sees the right choice of `quiz` at (the number to type to answer it right). */
export function shownAnswer(learnerId: string, lessonId: string, stepId: string, quiz: { choices: readonly string[]; answer: number }): number {
  return shownChoice(choiceOrder(learnerId, lessonId, stepId, quiz.choices.length), quiz.answer);
}

/** A number `learnerId` sees a wrong choice of `quiz` at. */
export function shownWrongAnswer(learnerId: string, lessonId: string, stepId: string, quiz: { choices: readonly string[]; answer: number }): number {
  return (shownAnswer(learnerId, lessonId, stepId, quiz) % quiz.choices.length) + 1;
}
