/** The home screen's rows: each lesson with its progress mark, estimate, and what it needs that is missing. */
import type { LessonListing } from '../lesson/listing.js';
import type { LessonProgress } from '../progress/store.js';
import { LESSON_GLYPH } from './glyphs.js';
import { spentInLesson } from './lesson-complete-lines.js';

export interface HomeRow {
  id: string;
  title: string;
  estimate: string;
  glyph: string;
  /** "3/7" while in progress. */
  done: string;
  needs: string;
  missing: string[];
  /** What the lesson teaches (its summary), for the selected lesson's details. */
  summary?: string;
  /** Its own steps done (passed or skipped) and how many it has, its estimate in minutes, the time spent in it. */
  passed?: number;
  steps?: number;
  estimateMinutes?: number;
  spentMs?: number | undefined;
}

/** What this machine lacks for a lesson (tools from `which` at first, then the doctor's findings). */
export type MissingFor = (needs: { clusters: readonly string[]; tools: readonly string[] }) => string[];

export function homeRows(listings: readonly LessonListing[], progressOf: (id: string) => LessonProgress, missingFor: MissingFor): HomeRow[] {
  return listings.map((listing) => {
    const steps = progressOf(listing.id).steps;
    const passed = listing.stepIds.filter((id) => steps[id]?.status === 'passed' || steps[id]?.status === 'skipped').length;
    const glyph = passed >= listing.steps ? LESSON_GLYPH.done : Object.keys(steps).length > 0 ? LESSON_GLYPH.started : LESSON_GLYPH.new;
    const needs = [...listing.clusters, ...listing.tools];
    return {
      id: listing.id,
      title: listing.title,
      estimate: `${listing.estimateMinutes}m`,
      glyph,
      done: glyph === LESSON_GLYPH.started ? `${Math.min(passed, listing.steps)}/${listing.steps}` : '',
      needs: needs.length === 0 ? 'nothing' : needs.join(', '),
      missing: missingFor(listing),
      summary: listing.summary,
      passed: Math.min(passed, listing.steps),
      steps: listing.steps,
      estimateMinutes: listing.estimateMinutes,
      spentMs: spentInLesson(steps, []),
    };
  });
}

/** The lesson to preselect: the last one opened if unfinished, else the first not done. */
export function nextLessonIndex(rows: readonly HomeRow[], lastLesson: string | undefined): number {
  const last = rows.findIndex((row) => row.id === lastLesson);
  if (last >= 0 && rows[last]?.glyph !== LESSON_GLYPH.done) return last;
  const open = rows.findIndex((row) => row.glyph !== LESSON_GLYPH.done);
  return open >= 0 ? open : 0;
}

/** The doctor's verdict as the home screen shows it. */
export interface MachineVerdict {
  summary: string;
  ready: boolean;
  missingFor: MissingFor;
}

/**
 * When the doctor itself fails (an error in gathering facts), the home screen says so instead of
 * "Checking this machine…" for ever, and lessons keep what `which` found on PATH.
 */
export function doctorFailed(error: unknown, fallback: MissingFor): MachineVerdict {
  const reason = error instanceof Error ? error.message : String(error);
  return { summary: `✗ This machine could not be checked (${reason}); 'mesh-workshop doctor' shows more`, ready: false, missingFor: fallback };
}
