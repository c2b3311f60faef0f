/**
 * The learner's progress: which steps passed and the values captured along the way, per lesson. Written
 * atomically through conf (a crash or kill -9 never leaves half a file). A file that cannot be read, or
 * is of a format we do not know, is moved aside and reported, never silently dropped.
 */
import { renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { z } from 'zod';

const StepProgress = z.object({ status: z.enum(['passed', 'failed', 'skipped', 'cancelled']), at: z.string() });
const LessonProgress = z.object({
  vars: z.record(z.string(), z.string()).default({}),
  steps: z.record(z.string(), StepProgress).default({}),
  updatedAt: z.string().optional(),
});
const ProgressFile = z.object({
  format: z.literal(1),
  lessons: z.record(z.string(), LessonProgress).default({}),
});
export type LessonProgress = z.infer<typeof LessonProgress>;
type ProgressData = z.infer<typeof ProgressFile>;

export const PROGRESS_FILE = 'progress.json';

export interface ProgressStore {
  /** Set when the existing file was unreadable and moved aside: say so to the learner. */
  readonly recovered?: string;
  lesson(id: string): LessonProgress;
  saveLesson(id: string, progress: LessonProgress): void;
}

class UnreadableProgress extends Error {}

function openConf(home: string): Conf<ProgressData> {
  return new Conf<ProgressData>({
    cwd: home,
    configName: 'progress',
    projectName: 'mesh-workshop',
    clearInvalidConfig: false,
    deserialize: (text) => {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw new UnreadableProgress(`not valid JSON (${(error as Error).message})`);
      }
      const parsed = ProgressFile.safeParse(data);
      if (!parsed.success) throw new UnreadableProgress(`not a progress file this version understands (${parsed.error.issues[0]?.message ?? 'unknown format'})`);
      return parsed.data;
    },
    serialize: (value) => `${JSON.stringify(value, null, 2)}\n`,
  });
}

export function openProgress(home: string): ProgressStore {
  let conf: Conf<ProgressData>;
  let recovered: string | undefined;
  try {
    conf = openConf(home);
    void conf.store;
  } catch (error) {
    if (!(error instanceof UnreadableProgress)) throw error;
    const file = path.join(home, PROGRESS_FILE);
    const backup = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, backup);
    recovered = `${file} was ${error.message}; it was kept as ${backup} and a fresh one started`;
    conf = openConf(home);
  }
  if (conf.get('format') === undefined) conf.store = { format: 1, lessons: {} };
  return {
    ...(recovered ? { recovered } : {}),
    lesson: (id) => conf.store.lessons[id] ?? { vars: {}, steps: {} },
    saveLesson: (id, progress) => {
      const store = conf.store;
      conf.store = { ...store, lessons: { ...store.lessons, [id]: { ...progress, updatedAt: new Date().toISOString() } } };
    },
  };
}
