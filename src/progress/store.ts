/**
 * The learner's progress: which steps passed and the values captured along the way, per lesson. Every
 * save replaces the file atomically (a crash or kill -9 never leaves half a file). A file that cannot be
 * read, or is of a format we do not know, is moved aside (progress.json.corrupt-<timestamp>) and reported, never silently dropped.
 *
 * (conf was the planned store; it loads `atomically`, whose exit hook re-raises SIGINT on the process, so
 * a Ctrl-C killed the workshop before it could end the running step's process group.)
 */
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod/mini';
import { writeFileAtomic } from './atomic-file.js';

// zod's tree-shakable "mini" form: the progress file is read before the first frame, so it loads light.
const StepProgress = z.object({ status: z.enum(['passed', 'failed', 'skipped', 'cancelled']), at: z.string() });
const LessonProgress = z.object({
  vars: z._default(z.record(z.string(), z.string()), {}),
  steps: z._default(z.record(z.string(), StepProgress), {}),
  /** The step the learner was on, to reopen the lesson there. */
  current: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
});
const ProgressFile = z.object({
  format: z.literal(1),
  /** The lesson the learner was in last, to reopen it with a "welcome back". */
  lastLesson: z.optional(z.string()),
  lessons: z._default(z.record(z.string(), LessonProgress), {}),
});
export type LessonProgress = z.infer<typeof LessonProgress>;
type ProgressData = z.infer<typeof ProgressFile>;

export const PROGRESS_FILE = 'progress.json';

export interface ProgressStore {
  /** Set when the existing file was unreadable and moved aside: say so to the learner. */
  readonly recovered?: string;
  lesson(id: string): LessonProgress;
  saveLesson(id: string, progress: LessonProgress): void;
  /** The lesson the learner was in last, if any. */
  lastLesson(): string | undefined;
  /** Forget one lesson's progress, or all of it. */
  reset(id?: string): void;
}

/** Why the file cannot be used, or its data. */
function readProgress(file: string): ProgressData | { unreadable: string } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { unreadable: `not valid JSON (${(error as Error).message})` };
  }
  const parsed = ProgressFile.safeParse(data);
  if (!parsed.success) return { unreadable: `not a progress file this version understands (${parsed.error.issues[0]?.message ?? 'unknown format'})` };
  return parsed.data;
}

export function openProgress(home: string): ProgressStore {
  const file = path.join(home, PROGRESS_FILE);
  mkdirSync(home, { recursive: true });
  const read = readProgress(file);
  let data: ProgressData = { format: 1, lessons: {} };
  let recovered: string | undefined;
  if (read && 'unreadable' in read) {
    const backup = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, backup);
    recovered = `${file} was ${read.unreadable}; it was kept as ${backup} and a fresh one started`;
  } else if (read) {
    data = read;
  }
  if (!read || recovered) writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
  return {
    ...(recovered ? { recovered } : {}),
    lesson: (id) => data.lessons[id] ?? { vars: {}, steps: {} },
    saveLesson: (id, progress) => {
      data = { ...data, lastLesson: id, lessons: { ...data.lessons, [id]: { ...progress, updatedAt: new Date().toISOString() } } };
      writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
    },
    lastLesson: () => data.lastLesson,
    reset: (id) => {
      const { [id ?? '']: _dropped, ...kept } = data.lessons;
      data = id === undefined ? { format: 1, lessons: {} } : { ...data, lessons: kept, ...(data.lastLesson === id ? { lastLesson: undefined } : {}) };
      writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
    },
  };
}
