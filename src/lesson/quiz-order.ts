/**
 * The order a learner sees a question's choices in. Authors write the right choice where they like (and
 * tend to put it second, and make it the longest); each learner sees the choices in an order of their own,
 * the same on every resume and in both the TUI and the line-by-line mode: a permutation drawn from the
 * learner's id (made once and kept in the progress file), the lesson's id and the step's id.
 *
 * The engine, progress and reports keep speaking of the author's choice numbers; only what is shown and
 * what the learner presses use the shown numbers, and `askShuffled` translates at that border.
 * Pure: no Ink, no files (the random id comes from `newLearnerId`, called once by the progress store).
 */
import { nodeCrypto } from '../lazy-builtins.js';
import type { Quiz } from './schema.js';

/**
 * A permutation: `order[i]` is the author's index (from 0) of the choice shown at position i.
 * Authors' choice 1 is `order.indexOf(0) + 1` on the screen.
 */
export type ChoiceOrder = readonly number[];

/** A new random learner id (128 bits, hex): made once, then kept in the progress file. */
export function newLearnerId(): string {
  return nodeCrypto().randomBytes(16).toString('hex');
}

/** n! as a bigint. */
function factorial(count: number): bigint {
  let product = 1n;
  for (let k = 2n; k <= BigInt(count); k++) product *= k;
  return product;
}

/**
 * The permutation numbered `index` (0 ≤ index < count!) in lexicographic order, read as a factorial-base
 * number (a Lehmer code): a bijection, so every permutation of `count` choices has exactly one index.
 */
export function permutationAt(index: bigint, count: number): number[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number, not ${count}`);
  const total = factorial(count);
  if (index < 0n || index >= total) throw new RangeError(`index ${index} is outside 0..${total - 1n}`);
  const left = Array.from({ length: count }, (_, i) => i);
  const order: number[] = [];
  let rest = index;
  for (let place = count; place > 0; place--) {
    const block = factorial(place - 1);
    const pick = Number(rest / block);
    rest %= block;
    order.push(...left.splice(pick, 1));
  }
  return order;
}

/**
 * A number from the learner's id, the lesson and the step, spread evenly enough over 0..count!-1: SHA-256
 * blocks are joined until they hold 64 bits more than count! needs, so the modulo's bias is below 2^-64.
 */
function drawIndex(learnerId: string, lessonId: string, stepId: string, count: number): bigint {
  const total = factorial(count);
  const bitsNeeded = total.toString(2).length + 64;
  let value = 0n;
  let bits = 0;
  for (let block = 0; bits < bitsNeeded; block++) {
    const digest = nodeCrypto().createHash('sha256').update(`mesh-workshop quiz order\0${learnerId}\0${lessonId}\0${stepId}\0${block}`).digest('hex');
    value = (value << 256n) | BigInt(`0x${digest}`);
    bits += 256;
  }
  return value % total;
}

/** The order this learner sees this question's `count` choices in: stable for the same ids, different across learners. */
export function choiceOrder(learnerId: string, lessonId: string, stepId: string, count: number): ChoiceOrder {
  return permutationAt(drawIndex(learnerId, lessonId, stepId, count), count);
}

/** The shown number (from 1) of the author's choice `author` (from 1). */
export function shownChoice(order: ChoiceOrder, author: number): number {
  const at = order.indexOf(author - 1);
  if (at < 0) throw new RangeError(`choice ${author} is not one of the ${order.length}`);
  return at + 1;
}

/** The author's number (from 1) of the choice shown at `shown` (from 1). */
export function authorChoice(order: ChoiceOrder, shown: number): number {
  const author = order[shown - 1];
  if (author === undefined) throw new RangeError(`choice ${shown} is not one of the ${order.length}`);
  return author + 1;
}

/** The question as the learner sees it: the choices in `order`, and the answer key as a shown number. */
export function shuffledQuiz(quiz: Quiz, order: ChoiceOrder): Quiz {
  if (order.length !== quiz.choices.length) throw new RangeError(`an order of ${order.length} for ${quiz.choices.length} choices`);
  // An answer key beyond the choices stays as it is: the engine fails such a step before asking it.
  const answer = quiz.answer >= 1 && quiz.answer <= order.length ? shownChoice(order, quiz.answer) : quiz.answer;
  return { ...quiz, choices: order.map((author) => quiz.choices[author] ?? ''), answer };
}

/** How a question is asked: it resolves to the chosen number, or undefined when the learner skips it. */
export type AskQuiz = (quiz: Quiz, stepId: string) => Promise<number | undefined>;

/**
 * Asks through `ask` with the choices in the learner's order, and answers in the author's numbers (as the
 * engine, progress and reports expect them).
 */
export function askShuffled(ask: AskQuiz, orderOf: (quiz: Quiz, stepId: string) => ChoiceOrder): AskQuiz {
  return async (quiz, stepId) => {
    const order = orderOf(quiz, stepId);
    const shown = await ask(shuffledQuiz(quiz, order), stepId);
    return shown === undefined ? undefined : authorChoice(order, shown);
  };
}

/** The learner's order for every question of a lesson, by step id. */
export function quizOrderFor(learnerId: string, lessonId: string): (quiz: Quiz, stepId: string) => ChoiceOrder {
  return (quiz, stepId) => choiceOrder(learnerId, lessonId, stepId, quiz.choices.length);
}
