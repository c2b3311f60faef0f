/**
 * The progress file's format, checked by hand. It is read before the TUI's first frame, and zod (even its
 * mini form, which shares a 400 kB chunk with the lesson schema) took a third of the time to that frame;
 * the format is small enough that plain checks with precise messages are the lighter honest choice.
 */
export const STEP_STATUSES = ['passed', 'failed', 'skipped', 'cancelled'] as const;
/** Who did a task: the learner, the workshop at the learner's request ("done with help"), or unattended. */
export const TASK_DOERS = ['learner', 'help', 'unattended'] as const;

export interface StepProgress {
  status: (typeof STEP_STATUSES)[number];
  at: string;
  /** For a task: who did it. */
  doneBy?: (typeof TASK_DOERS)[number] | undefined;
}

/**
 * A step watched in a replay (`run --replay`): its recorded output seen and its checks judged on it.
 * Kept apart from `steps`, so a step watched is never a step passed; a workshop from before replays reads
 * the file as it always did and leaves this out.
 */
export interface WatchedStep {
  /** What its checks said of the recorded output. */
  verdict: 'passed' | 'failed';
  at: string;
  /** When the recording was made. */
  recordedAt: string;
}

export interface LessonProgress {
  vars: Record<string, string>;
  steps: Record<string, StepProgress>;
  /** Steps watched in a replay, apart from those passed. */
  watched?: Record<string, WatchedStep> | undefined;
  /** The step the learner was on, to reopen the lesson there. */
  current?: string | undefined;
  updatedAt?: string | undefined;
}

export interface ProgressData {
  format: 1;
  /**
   * A random id made once for this learner (hex, from newLearnerId): the order each question's choices are
   * shown in comes from it, so the order is the same on every resume. Absent until a question first needs it.
   */
  learnerId?: string | undefined;
  /** The lesson the learner was in last, to reopen it with a "welcome back". */
  lastLesson?: string | undefined;
  lessons: Record<string, LessonProgress>;
}

class FormatProblem extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recordOf<T>(value: unknown, where: string, item: (value: unknown, where: string) => T): Record<string, T> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new FormatProblem(`${where} should be an object`);
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, item(entry, `${where}.${key}`)]));
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new FormatProblem(`${where} should be a string`);
  return value;
}

function optionalText(value: unknown, where: string): string | undefined {
  return value === undefined ? undefined : text(value, where);
}

function stepProgress(value: unknown, where: string): StepProgress {
  if (!isRecord(value)) throw new FormatProblem(`${where} should be an object`);
  const status = value.status;
  if (!STEP_STATUSES.includes(status as StepProgress['status'])) throw new FormatProblem(`${where}.status should be one of ${STEP_STATUSES.join(', ')}`);
  const doneBy = value.doneBy;
  if (doneBy !== undefined && !TASK_DOERS.includes(doneBy as (typeof TASK_DOERS)[number])) throw new FormatProblem(`${where}.doneBy should be one of ${TASK_DOERS.join(', ')}`);
  return { status: status as StepProgress['status'], at: text(value.at, `${where}.at`), ...(doneBy === undefined ? {} : { doneBy: doneBy as (typeof TASK_DOERS)[number] }) };
}

function watchedStep(value: unknown, where: string): WatchedStep {
  if (!isRecord(value)) throw new FormatProblem(`${where} should be an object`);
  if (value.verdict !== 'passed' && value.verdict !== 'failed') throw new FormatProblem(`${where}.verdict should be passed or failed`);
  return { verdict: value.verdict, at: text(value.at, `${where}.at`), recordedAt: text(value.recordedAt, `${where}.recordedAt`) };
}

function lessonProgress(value: unknown, where: string): LessonProgress {
  if (!isRecord(value)) throw new FormatProblem(`${where} should be an object`);
  const current = optionalText(value.current, `${where}.current`);
  const updatedAt = optionalText(value.updatedAt, `${where}.updatedAt`);
  return {
    vars: recordOf(value.vars, `${where}.vars`, text),
    steps: recordOf(value.steps, `${where}.steps`, stepProgress),
    ...(value.watched === undefined ? {} : { watched: recordOf(value.watched, `${where}.watched`, watchedStep) }),
    ...(current === undefined ? {} : { current }),
    ...(updatedAt === undefined ? {} : { updatedAt }),
  };
}

/** What a learner id may look like: letters, digits, - and _, 8 to 128 of them (newLearnerId makes 32 hex digits). */
export const LEARNER_ID = /^[A-Za-z0-9_-]{8,128}$/;

function learnerId(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !LEARNER_ID.test(value)) throw new FormatProblem('learnerId should be 8 to 128 letters, digits, - or _');
  return value;
}

/** The file's data, or what is wrong with it (naming the field, e.g. `lessons.tour.steps.hello.status`). */
export function parseProgress(data: unknown): ProgressData | { problem: string } {
  try {
    if (!isRecord(data)) throw new FormatProblem('the file should hold an object');
    if (data.format !== 1) throw new FormatProblem(`format should be 1, not ${JSON.stringify(data.format) ?? 'missing'}`);
    const lastLesson = optionalText(data.lastLesson, 'lastLesson');
    const learner = learnerId(data.learnerId);
    return {
      format: 1,
      ...(learner === undefined ? {} : { learnerId: learner }),
      ...(lastLesson === undefined ? {} : { lastLesson }),
      lessons: recordOf(data.lessons, 'lessons', lessonProgress),
    };
  } catch (error) {
    if (error instanceof FormatProblem) return { problem: error.message };
    throw error;
  }
}
