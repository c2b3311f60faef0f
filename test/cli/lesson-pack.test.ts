// The lessons a run reads come from the state directory's cache after the first read: what comes back from it
// must be what the schema made of the YAML, for every bundled lesson.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLessonPack } from '../../src/commands/lesson-pack.js';
import { loadLessonPack } from '../../src/lesson/load.js';
import { defaultLessonsDir } from '../../src/paths.js';
import { tempDir } from '../helpers/lessons.js';

describe('the validated lessons, kept between runs', () => {
  it('read back from the cache, every bundled lesson is what the schema made of its YAML', async () => {
    const home = tempDir('mw-lesson-pack-');
    const parsed = loadLessonPack(defaultLessonsDir());
    const expected = parsed.lessons.map(({ dir, file, lesson }) => ({ dir, file, lesson }));
    expect(expected.length).toBeGreaterThanOrEqual(8);
    const first = await readLessonPack(home, defaultLessonsDir());
    expect(readdirSync(path.join(home, 'cache')).filter((name) => name.startsWith('lessons-'))).toHaveLength(1);
    const second = await readLessonPack(home, defaultLessonsDir());
    expect(first).toEqual({ lessons: expected, problems: parsed.problems });
    expect(second).toEqual(first);
    // Nothing of the parsed YAML is kept: lint alone needs it.
    expect(second.lessons.every((loaded) => !('parsed' in loaded))).toBe(true);
  });

  it('a folder that cannot be read is a problem, and nothing is kept', async () => {
    const home = tempDir('mw-lesson-pack-');
    const missing = path.join(tempDir('mw-lesson-pack-'), 'no-such-pack');
    const read = await readLessonPack(home, missing);
    expect(read.lessons).toEqual([]);
    expect(read.problems).toMatchObject([{ severity: 'error', message: 'lesson folder not found' }]);
    expect(() => readdirSync(path.join(home, 'cache'))).toThrow();
  });
});
