// What lint says of a lesson's questions taken together: every answer key the same (two questions or
// more), and the right choice the longest in every question (three or more): both give answers away.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lesson/problems.js';
import { lintLesson } from '../../src/lint/lint-lesson.js';
import { HEADER, lessonFromYaml } from '../helpers/lessons.js';

/** A question step; `choices` in the order written, `answer` counting from 1. */
const question = (id: string, choices: string[], answer: number): string =>
  `  - id: ${id}\n    title: ${id}\n    quiz:\n      question: Which one?\n      choices: ${JSON.stringify(choices)}\n      answer: ${answer}\n      explanation: Because.\n`;

/** Lint's warnings about questions for a lesson of these steps, as PATH:LINE:COL: message lines. */
function warnings(...steps: string[]): string[] {
  const loaded = lessonFromYaml(`${HEADER}steps:\n${steps.join('')}`);
  return lintLesson(loaded)
    .filter((problem) => /question/.test(problem.message))
    .map((problem) => formatProblem(problem).replace(/^.*?lesson\.yaml:/, ''));
}

const SHORT_RIGHT = ['Envoy', 'A dedicated router', 'The API server'];

describe('lint on a lesson\'s questions', () => {
  it('says when every question has the same answer key, at the first one', () => {
    expect(warnings(question('a', SHORT_RIGHT, 2), question('b', SHORT_RIGHT, 2))).toEqual([
      '11:15: warning: all 2 questions of this lesson have answer 2: write the right choice in different places',
    ]);
    expect(warnings(question('a', SHORT_RIGHT, 1), question('b', SHORT_RIGHT, 1), question('c', SHORT_RIGHT, 1))).toEqual([
      '11:15: warning: all 3 questions of this lesson have answer 1: write the right choice in different places',
    ]);
  });

  it('is quiet about one question, or answer keys that differ', () => {
    expect(warnings(question('a', SHORT_RIGHT, 2))).toEqual([]);
    expect(warnings(question('a', SHORT_RIGHT, 2), question('b', SHORT_RIGHT, 3))).toEqual([]);
  });

  it('says when the right choice is the longest in every one of three questions or more', () => {
    const longest = ['nginx', 'The Envoy beside each workload', 'HAProxy'];
    expect(warnings(question('a', longest, 2), question('b', longest, 2), question('c', longest, 2)).at(-1)).toBe(
      '10:7: warning: the right choice is the longest in all 3 questions of this lesson: a learner can pick by length; make some wrong choices as long, or right ones shorter',
    );
    // Varied keys do not hide it: it is about length, which no order changes.
    expect(warnings(question('a', longest, 2), question('b', [longest[1] ?? '', 'nginx', 'HAProxy'], 1), question('c', ['nginx', 'HAProxy', longest[1] ?? ''], 3))).toEqual([
      '10:7: warning: the right choice is the longest in all 3 questions of this lesson: a learner can pick by length; make some wrong choices as long, or right ones shorter',
    ]);
  });

  it('is quiet when one question of the lesson has its right choice shorter, or tied, or there are only two questions', () => {
    const longest = ['nginx', 'The Envoy beside each workload', 'HAProxy'];
    expect(warnings(question('a', longest, 2), question('b', longest, 2), question('c', SHORT_RIGHT, 1))).toEqual([]);
    // A tie for the longest gives nothing away.
    expect(warnings(question('a', longest, 2), question('b', longest, 2), question('c', ['Sidecar', 'Gateway', 'ztunnel'], 3))).toEqual([]);
    expect(warnings(question('a', longest, 2), question('b', longest, 1).replace('answer: 1', 'answer: 2'))).toEqual(['11:15: warning: all 2 questions of this lesson have answer 2: write the right choice in different places']);
  });
});
