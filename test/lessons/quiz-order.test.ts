// The order a learner sees a question's choices in: a permutation from the learner's id, the lesson and the
// step. Stable for the same ids, different across learners, every order reachable, and the numbers
// translated both ways (the learner presses shown numbers; the engine and progress keep the author's).
import { describe, expect, it } from 'vitest';
import { LEARNER_ID } from '../../src/progress/progress-format.js';
import { askShuffled, authorChoice, choiceOrder, newLearnerId, permutationAt, quizOrderFor, shownChoice, shuffledQuiz, type ChoiceOrder } from '../../src/lesson/quiz-order.js';
import type { Quiz } from '../../src/lesson/schema.js';

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const key = (order: ChoiceOrder): string => order.join(',');
const ids = (count: number): string[] => Array.from({ length: count }, (_, i) => `learner-${String(i).padStart(4, '0')}`);

const QUIZ: Quiz = {
  question: 'Which proxy does Istio put beside each pod?',
  choices: ['nginx', 'Envoy', 'HAProxy', 'Traefik'],
  answer: 2,
  explanation: "Istio's data plane is Envoy.",
};

describe('permutationAt (a Lehmer code)', () => {
  it('numbers every permutation of n choices exactly once, from the identity to the reverse', () => {
    for (let n = 1; n <= 5; n++) {
      const orders = Array.from({ length: factorial(n) }, (_, index) => permutationAt(BigInt(index), n));
      expect(new Set(orders.map(key)).size).toBe(factorial(n));
      for (const order of orders) expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(orders[0]).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(orders.at(-1)).toEqual(Array.from({ length: n }, (_, i) => n - 1 - i));
    }
    expect(permutationAt(3n, 3)).toEqual([1, 2, 0]);
  });

  it('refuses an index outside 0..n!-1', () => {
    expect(() => permutationAt(24n, 4)).toThrow(/index 24 is outside 0\.\.23/);
    expect(() => permutationAt(-1n, 4)).toThrow(RangeError);
  });
});

describe('choiceOrder', () => {
  it('is the same for the same learner, lesson and step (a resume, the other mode)', () => {
    const first = choiceOrder('0f3a9c1e77d24b6a8e5d2c1b0a998877', 'concepts', 'mesh', 4);
    expect(choiceOrder('0f3a9c1e77d24b6a8e5d2c1b0a998877', 'concepts', 'mesh', 4)).toEqual(first);
    expect([...first].sort()).toEqual([0, 1, 2, 3]);
  });

  it('differs across learners, and across the steps and lessons of one learner', () => {
    const byLearner = new Set(ids(200).map((id) => key(choiceOrder(id, 'concepts', 'mesh', 4))));
    expect(byLearner.size).toBe(24);
    const bySteps = new Set(['mesh', 'planes', 'istiod-parts', 'sidecar-or-ambient', 'traffic-apis', 'mtls', 'why-a-mesh', 'four-dimensions'].map((step) => key(choiceOrder('learner-0001', 'concepts', step, 4))));
    expect(bySteps.size).toBeGreaterThan(4);
    const byLesson = new Set(['tour', 'concepts', 'no-mesh', 'multi-network', 'vm', 'one-mesh'].map((lesson) => key(choiceOrder('learner-0001', lesson, 'ask', 4))));
    expect(byLesson.size).toBeGreaterThan(3);
  });

  it('reaches every order of 2, 3, 4 and 5 choices, each about as often as the others', () => {
    for (const count of [2, 3, 4, 5]) {
      const seen = new Map<string, number>();
      const learners = ids(factorial(count) * 60);
      for (const id of learners) {
        const order = key(choiceOrder(id, 'concepts', 'mesh', count));
        seen.set(order, (seen.get(order) ?? 0) + 1);
      }
      expect(seen.size, `${count} choices`).toBe(factorial(count));
      // 60 expected each: a fair draw stays well inside 20..100 (the bounds are 5 standard deviations).
      for (const [order, times] of seen) expect(times, `${count} choices, order ${order}`).toBeGreaterThan(20);
      for (const [order, times] of seen) expect(times, `${count} choices, order ${order}`).toBeLessThan(100);
    }
  });

  it('puts the right answer in every position for some learner: the answer key is no longer always 2', () => {
    const shown = new Set(ids(100).map((id) => shuffledQuiz(QUIZ, quizOrderFor(id, 'concepts')(QUIZ, 'mesh')).answer));
    expect([...shown].sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('the answer mapping, both ways', () => {
  it('author → shown → author and shown → author → shown are the identity for every order of 4', () => {
    for (let index = 0; index < 24; index++) {
      const order = permutationAt(BigInt(index), 4);
      for (let number = 1; number <= 4; number++) {
        expect(authorChoice(order, shownChoice(order, number))).toBe(number);
        expect(shownChoice(order, authorChoice(order, number))).toBe(number);
      }
    }
    // [2, 0, 3, 1]: the author's third choice is shown first; the author's first is shown second.
    expect(shownChoice([2, 0, 3, 1], 3)).toBe(1);
    expect(shownChoice([2, 0, 3, 1], 1)).toBe(2);
    expect(authorChoice([2, 0, 3, 1], 4)).toBe(2);
    expect(() => authorChoice([2, 0, 3, 1], 5)).toThrow(/choice 5 is not one of the 4/);
    expect(() => shownChoice([2, 0, 3, 1], 0)).toThrow(RangeError);
  });

  it('shows the choices in the order and keys the answer to where the right one went', () => {
    const shown = shuffledQuiz(QUIZ, [2, 0, 3, 1]);
    expect(shown.choices).toEqual(['HAProxy', 'nginx', 'Traefik', 'Envoy']);
    expect(shown.answer).toBe(4);
    expect(shown.choices[shown.answer - 1]).toBe('Envoy');
    expect(shown.question).toBe(QUIZ.question);
    expect(shown.explanation).toBe(QUIZ.explanation);
    // The author's question is left as it was.
    expect(QUIZ.choices).toEqual(['nginx', 'Envoy', 'HAProxy', 'Traefik']);
    expect(() => shuffledQuiz(QUIZ, [0, 1, 2])).toThrow(/an order of 3 for 4 choices/);
    // An answer key beyond the choices is kept for the engine to refuse (it fails the step, unasked).
    expect(shuffledQuiz({ ...QUIZ, answer: 9 }, [2, 0, 3, 1]).answer).toBe(9);
  });

  it('asks in the learner order and answers in the author numbers; a skip stays a skip', async () => {
    const asked: Quiz[] = [];
    const pressing = (shown: number | undefined) =>
      askShuffled(
        (quiz) => {
          asked.push(quiz);
          return Promise.resolve(shown);
        },
        () => [2, 0, 3, 1],
      );
    // The learner presses 4, where Envoy is shown: the engine hears 2, the author's number for Envoy.
    expect(await pressing(4)(QUIZ, 'mesh')).toBe(2);
    expect(asked[0]?.choices).toEqual(['HAProxy', 'nginx', 'Traefik', 'Envoy']);
    expect(asked[0]?.answer).toBe(4);
    // A wrong press maps to the author's number of what was pressed: HAProxy, shown first, is the author's 3.
    expect(await pressing(1)(QUIZ, 'mesh')).toBe(3);
    expect(await pressing(undefined)(QUIZ, 'mesh')).toBeUndefined();
  });
});

describe('newLearnerId', () => {
  it('is random, and of the form the progress file accepts', () => {
    const a = newLearnerId();
    const b = newLearnerId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).toMatch(LEARNER_ID);
    expect(a).not.toBe(b);
  });
});
