// What learners read names the documents they can open, never our word for them ("seed"): the source
// documents have titles, and istio.io pages have names. `sources:` fields and examples' `source:` are
// for authors and may keep the seed numbers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessonPack } from '../../src/lesson/load.js';
import { readMarkdown } from '../../src/lesson/markdown-text.js';
import { allSteps, stepChecks } from '../../src/lesson/steps.js';
import { defaultLessonsDir } from '../../src/paths.js';

const { lessons } = loadLessonPack(defaultLessonsDir());

/** Every text a learner sees for a lesson, each with where it sits. */
function learnerTexts(loaded: (typeof lessons)[number]): { where: string; text: string }[] {
  const { lesson } = loaded;
  const dir = path.dirname(loaded.file);
  const texts = [
    { where: 'title', text: lesson.title },
    { where: 'summary', text: lesson.summary },
  ];
  for (const step of allSteps(lesson)) {
    const at = (field: string) => `${step.id}.${field}`;
    texts.push({ where: at('title'), text: step.title });
    texts.push({ where: at('text'), text: readMarkdown(dir, step.text) });
    const hints = step.hint === undefined ? [] : Array.isArray(step.hint) ? step.hint : [step.hint];
    hints.forEach((hint, index) => texts.push({ where: at(`hint[${index}]`), text: hint }));
    if (step.solution) texts.push({ where: at('solution'), text: step.solution });
    if (step.explain) texts.push({ where: at('explain'), text: step.explain });
    if (step.quiz) {
      texts.push({ where: at('quiz.question'), text: step.quiz.question });
      step.quiz.choices.forEach((choice, index) => texts.push({ where: at(`quiz.choices[${index}]`), text: choice }));
      texts.push({ where: at('quiz.explanation'), text: step.quiz.explanation });
    }
    stepChecks(step).forEach((check, index) => {
      if (check.explain) texts.push({ where: at(`check[${index}].explain`), text: check.explain });
    });
    // A task's scaffold opens in the learner's editor, and its reference is shown as a diff against their file.
    if (typeof step.task === 'object') {
      for (const key of ['scaffold', 'reference'] as const) {
        const file = step.task[key];
        if (file !== undefined) texts.push({ where: at(`task.${key}`), text: readFileSync(path.join(dir, file), 'utf8') });
      }
    }
  }
  return texts;
}

describe('learner-facing lesson text', () => {
  it('reads every field a learner sees (a lesson with a quiz, hints and check explanations)', () => {
    const concepts = lessons.find((loaded) => loaded.lesson.id === 'concepts');
    const wheres = learnerTexts(concepts!).map((entry) => entry.where);
    expect(wheres.some((where) => where.endsWith('.quiz.explanation'))).toBe(true);
    expect(wheres.some((where) => where.endsWith('.hint[1]'))).toBe(true);
    expect(wheres.some((where) => where.endsWith('.text'))).toBe(true);
    const vm = lessons.find((loaded) => loaded.lesson.id === 'vm');
    expect(learnerTexts(vm!).some((entry) => entry.where.endsWith('.task.scaffold'))).toBe(true);
  });

  it.each(lessons.map((loaded) => [loaded.lesson.id, loaded] as const))('%s never says "seed" to a learner', (_id, loaded) => {
    const found = learnerTexts(loaded)
      .filter((entry) => /\bseeds?\b/i.test(entry.text))
      .map((entry) => `${entry.where}: ${/[^\n]*\bseeds?\b[^\n]*/i.exec(entry.text)?.[0].trim()}`);
    expect(found).toEqual([]);
  });
});
