// `mesh-workshop list` fits the width it is given: the table when it fits, otherwise each lesson on lines
// of its own with words whole; a pipe gets the table, a line per lesson.
import { describe, expect, it } from 'vitest';
import { lessonListLines, lessonNeeds } from '../../src/views/lesson-list.js';
import { wrapWords } from '../../src/views/wrap-text.js';

const lessons = [
  { id: 'tour', title: 'A tour of the workshop runner', time: '10m', needs: lessonNeeds({ clusters: [], tools: [], requires: [] }) },
  {
    id: 'multi-mesh',
    title: 'Separate meshes that trust each other, on one network and across two',
    time: '75m',
    needs: lessonNeeds({ clusters: ['cluster1', 'cluster2', 'cluster3'], tools: ['kubectl', 'istioctl', 'istio-release', 'docker', 'make', 'openssl'], requires: ['one-mesh'] }),
  },
];
const words = (lines: string[]): string[] => lines.join(' ').split(/\s+/).filter(Boolean);

describe('wrapWords', () => {
  it('breaks at spaces only, each line within the width', () => {
    expect(wrapWords('after one-mesh; kubectl, istioctl', 14)).toEqual(['after', 'one-mesh;', 'kubectl,', 'istioctl']);
    expect(wrapWords('a b c d', 3)).toEqual(['a b', 'c d']);
    expect(wrapWords('', 10)).toEqual(['']);
  });
});

describe('lessonListLines', () => {
  it('a pipe (no width) gets the table: a header and one line per lesson', () => {
    const lines = lessonListLines(lessons);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ {2}# {2}id +title +time {2}needs$/);
    expect(lines[2]).toMatch(/^ {2}1 {2}multi-mesh +Separate meshes .* +75m {2}cluster1\+cluster2\+cluster3; .*; after one-mesh$/);
  });

  it.each([200, 80, 60, 40])('at %i columns no line is wider, and no word is cut', (width) => {
    const lines = lessonListLines(lessons, width);
    expect(lines.filter((line) => line.length > width)).toEqual([]);
    for (const lesson of lessons) {
      for (const word of words([lesson.title, lesson.needs])) expect(words(lines), `${word} at ${width}`).toContain(word);
    }
  });

  it('says so when there are no lessons', () => {
    expect(lessonListLines([], 80)).toEqual(['  (no lessons)']);
  });
});
