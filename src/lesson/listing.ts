/** What `list` shows of a lesson: its id, title, time and what it needs. */
import { parseDuration } from './duration.js';
import type { LoadedLesson } from './load.js';

export interface LessonListing {
  id: string;
  title: string;
  summary: string;
  estimate: string;
  estimateMinutes: number;
  requires: string[];
  clusters: string[];
  tools: string[];
  steps: number;
  /** The lesson's own steps (not setup, cleanup or optional ones): the ones that count towards done. */
  stepIds: string[];
  folder: string;
}

export function listingOf(loaded: LoadedLesson): LessonListing {
  const { lesson } = loaded;
  return {
    id: lesson.id,
    title: lesson.title,
    summary: lesson.summary,
    estimate: typeof lesson.estimate === 'number' ? `${lesson.estimate}s` : lesson.estimate,
    estimateMinutes: Math.round(parseDuration(lesson.estimate) / 60_000),
    requires: lesson.requires ?? [],
    clusters: lesson.clusters ?? [],
    tools: lesson.tools ?? [],
    steps: lesson.steps.length,
    stepIds: lesson.steps.filter((step) => step.optional !== true).map((step) => step.id),
    folder: loaded.dir,
  };
}

