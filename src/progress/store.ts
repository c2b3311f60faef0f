/**
 * The learner's progress: which steps passed and the values captured along the way, per lesson. Every
 * save replaces the file atomically (a crash or kill -9 never leaves half a file). A file that cannot be
 * read, or is of a format we do not know, is moved aside (progress.json.corrupt-<timestamp>) and reported, never silently dropped.
 *
 * (conf was the planned store; it loads `atomically`, whose exit hook re-raises SIGINT on the process, so
 * a Ctrl-C killed the workshop before it could end the running step's process group.)
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-file.js';
import { moveAside, noteStateProblem, readStateFile, type StateShape } from '../files/state-file.js';
import { newLearnerId } from '../lesson/quiz-order.js';
import { parseProgress, type LessonProgress, type ProgressData } from './progress-format.js';

export type { LessonProgress } from './progress-format.js';

export const PROGRESS_FILE = 'progress.json';

export interface ProgressStore {
  /** Set when the existing file was unreadable and moved aside: say so to the learner. */
  readonly recovered?: string;
  lesson(id: string): LessonProgress;
  saveLesson(id: string, progress: LessonProgress): void;
  /** The lesson the learner was in last, if any. */
  lastLesson(): string | undefined;
  /**
   * This learner's id, which orders each question's choices: made (and saved) the first time it is asked
   * for, then the same on every opening. Resetting progress keeps it.
   */
  learnerId(): string;
  /** Forget one lesson's progress, or all of it (the learner id stays). */
  reset(id?: string): void;
}

const progressShape: StateShape<ProgressData> = (data) => {
  const parsed = parseProgress(data);
  return 'problem' in parsed ? parsed : { value: parsed };
};

/** Why the file cannot be used, or its data. */
function readProgress(file: string): ProgressData | { unreadable: string } | undefined {
  const read = readStateFile(file, progressShape, 'progress file');
  if (!read.found) return undefined;
  return 'value' in read ? read.value : { unreadable: read.unusable };
}

/** Moves an unusable progress file aside and says where it went. */
function setAside(file: string, unreadable: string): string {
  return `${file} was ${unreadable}; it was kept as ${moveAside(file)} and a fresh one started`;
}

export function openProgress(home: string): ProgressStore {
  const file = path.join(home, PROGRESS_FILE);
  mkdirSync(home, { recursive: true });
  const read = readProgress(file);
  let data: ProgressData = { format: 1, lessons: {} };
  let recovered: string | undefined;
  if (read && 'unreadable' in read) {
    recovered = setAside(file, read.unreadable);
  } else if (read) {
    data = read;
  }
  if (!read || recovered) writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
  // Another workshop process (a second terminal, `run --yes`) may have saved other lessons since: each
  // save starts from the file as it is now and replaces only its own lesson. A file spoilt since it was
  // opened is moved aside too before this session's data replaces it, and said (takeStateNotices).
  const latest = (): ProgressData => {
    const now = readProgress(file);
    if (now && 'unreadable' in now) {
      noteStateProblem(`${setAside(file, now.unreadable).replace(/ and a fresh one started$/, '')}; this session's progress was saved in its place`);
      return data;
    }
    return now ?? data;
  };
  // The learner id this session knows is kept even if the file now lacks it (an older workshop wrote it).
  const withLearner = (base: ProgressData): ProgressData => (base.learnerId === undefined && data.learnerId !== undefined ? { ...base, learnerId: data.learnerId } : base);
  return {
    ...(recovered ? { recovered } : {}),
    lesson: (id) => data.lessons[id] ?? { vars: {}, steps: {} },
    saveLesson: (id, progress) => {
      const base = latest();
      data = { ...withLearner(base), lastLesson: id, lessons: { ...base.lessons, [id]: { ...progress, updatedAt: new Date().toISOString() } } };
      writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
    },
    lastLesson: () => data.lastLesson,
    learnerId: () => {
      if (data.learnerId !== undefined) return data.learnerId;
      // Another process (a second terminal) may have made one since this file was read: use it.
      const base = latest();
      const learnerId = base.learnerId ?? newLearnerId();
      // Written near the top of the file, where a reader of it finds it.
      data = { format: 1, learnerId, ...(base.lastLesson === undefined ? {} : { lastLesson: base.lastLesson }), lessons: base.lessons };
      if (base.learnerId === undefined) writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
      return learnerId;
    },
    reset: (id) => {
      const base = latest();
      // Stryker disable next-line LogicalOperator: Stryker 9.6 can place this mutant only around the whole declaration, which hides `kept` from the lines after it (every test then fails, mutant or not).
      const { [id ?? '']: _dropped, ...kept } = base.lessons;
      const { learnerId } = withLearner(base);
      data = id === undefined ? { format: 1, ...(learnerId === undefined ? {} : { learnerId }), lessons: {} } : { ...withLearner(base), lessons: kept, ...(base.lastLesson === id ? { lastLesson: undefined } : {}) };
      writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
    },
  };
}
