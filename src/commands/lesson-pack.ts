/**
 * The lessons as a run, a shell or the workshop screen uses them: validated, without the parsed YAML that
 * only lint needs (to place what it finds). Reading lesson.yaml brings the YAML parser and the schema (zod):
 * most of a one-step run's own time, and every lesson's parsed document held in memory for as long as the
 * screen is open. So the validated lessons are kept in the state directory, keyed like the listing
 * (result-cache.ts: the build and each lesson.yaml's size and modification time), and read back as plain
 * JSON until a lesson file changes.
 */
import path from 'node:path';
import type { LoadedLesson, PackLoad } from '../lesson/load.js';
import { displayPath, problemsToKeep, problemsToShow, type Problem } from '../lesson/problems.js';
import type { Lesson } from '../lesson/schema.js';
import { LESSON_FILE } from '../lesson/vocabulary.js';
import { packFingerprint, readCache, writeCache } from './result-cache.js';

/** As kept: folders and problem files absolute, shown relative to wherever the next command runs. */
interface KeptPack {
  lessons: { dir: string; lesson: Lesson }[];
  problems: Problem[];
}

function asShown(kept: KeptPack): PackLoad<LoadedLesson> {
  return {
    lessons: kept.lessons.map(({ dir, lesson }) => ({ dir, file: displayPath(path.join(dir, LESSON_FILE)), lesson })),
    problems: problemsToShow(kept.problems),
  };
}

export async function readLessonPack(home: string, lessonsDir: string): Promise<PackLoad<LoadedLesson>> {
  const fingerprint = packFingerprint(lessonsDir);
  const cached = fingerprint === undefined ? undefined : readCache<KeptPack>(home, 'lessons', lessonsDir, fingerprint);
  if (cached) return asShown(cached);
  const { loadLessonPack } = await import('../lesson/load.js');
  const { lessons, problems } = loadLessonPack(lessonsDir);
  const kept: KeptPack = {
    lessons: lessons.map(({ dir, lesson }) => ({ dir, lesson })),
    problems: problemsToKeep(problems),
  };
  if (fingerprint !== undefined) writeCache(home, 'lessons', lessonsDir, fingerprint, kept);
  return asShown(kept);
}
