/**
 * The room as the instructor sees it, rebuilt from events alone: who is here, on which lesson and step,
 * which checks pass, who raised a hand, who shared a failure. A pure reducer, so the server's live state
 * and its rebuild from the event log after a restart are the same function.
 */
import type { LearnerEvent } from './protocol.js';

export type CellStatus = 'running' | 'passed' | 'failed' | 'skipped' | 'cancelled';

export interface SharedFailure {
  lessonId: string;
  stepId: string;
  label: string;
  expected: string;
  actual: string;
  output: string;
  at: number;
}

export interface LearnerRow {
  id: string;
  name: string;
  /** Events counted for this learner (each id once). */
  events: number;
  lessonId?: string;
  lessonTitle?: string;
  steps: { id: string; title: string }[];
  /** Each step of the current lesson: how it went (absent: not started). */
  cells: Record<string, CellStatus>;
  step?: { id: string; index: number; total: number; title: string; since: number };
  /** The check failing now, and how many times in a row. */
  failing?: { label: string; times: number; since: number };
  lessonStatus?: 'passed' | 'failed' | 'cancelled';
  hand?: { since: number };
  hints: number;
  solutions: number;
  withHelp: number;
  shared?: SharedFailure;
  left: boolean;
  /** When the server last heard of this learner (server clock). */
  lastSeen: number;
}

export interface Room {
  learners: Map<string, LearnerRow>;
  /** Every event id counted, `learnerId/eventId`: a resent event is not counted again. */
  seen: Set<string>;
}

export function emptyRoom(): Room {
  return { learners: new Map(), seen: new Set() };
}

function newRow(id: string, name: string, now: number): LearnerRow {
  return { id, name, events: 0, steps: [], cells: {}, hints: 0, solutions: 0, withHelp: 0, left: false, lastSeen: now };
}

/**
 * Applies one learner event; false when it was counted before (same learner, same id). Times are on the
 * server's clock, so durations mean the same for every learner: `clockOffset` is the server's clock minus
 * the learner's (measured when the batch arrived), `receivedAt` the server's clock then.
 */
export function applyLearnerEvent(room: Room, learner: { id: string; name: string }, event: LearnerEvent, receivedAt: number, clockOffset = 0): boolean {
  const key = `${learner.id}/${event.id}`;
  if (room.seen.has(key)) return false;
  room.seen.add(key);
  const row = room.learners.get(learner.id) ?? newRow(learner.id, learner.name, receivedAt);
  room.learners.set(learner.id, row);
  row.name = learner.name;
  row.events++;
  row.lastSeen = Math.max(row.lastSeen, receivedAt);
  // An event that happened while the learner was offline is dated by when it happened, not by its arrival.
  const at = Math.min(receivedAt, event.at + clockOffset);
  switch (event.kind) {
    case 'joined':
      row.left = false;
      break;
    case 'left':
      row.left = true;
      break;
    case 'lesson-started':
      row.lessonId = event.lessonId;
      row.lessonTitle = event.title;
      row.steps = event.steps;
      row.cells = {};
      delete row.step;
      delete row.failing;
      delete row.lessonStatus;
      row.left = false;
      break;
    case 'step-started':
      if (row.lessonId !== event.lessonId) break;
      row.cells[event.stepId] = 'running';
      if (row.step?.id !== event.stepId) {
        row.step = { id: event.stepId, index: event.index, total: event.total, title: event.title, since: at };
        delete row.failing;
      }
      break;
    case 'check':
      if (row.lessonId !== event.lessonId) break;
      if (event.passed) {
        if (row.failing?.label === event.label) delete row.failing;
      } else if (row.failing?.label === event.label) {
        row.failing.times++;
      } else {
        row.failing = { label: event.label, times: 1, since: at };
      }
      break;
    case 'step-finished':
      if (row.lessonId !== event.lessonId) break;
      row.cells[event.stepId] = event.status;
      if (event.withHelp) row.withHelp++;
      if (event.status === 'passed' || event.status === 'skipped') {
        if (row.step?.id === event.stepId) delete row.failing;
      }
      break;
    case 'hint':
      row.hints++;
      break;
    case 'solution':
      row.solutions++;
      break;
    case 'lesson-finished':
      if (row.lessonId !== event.lessonId) break;
      row.lessonStatus = event.status;
      delete row.step;
      delete row.failing;
      break;
    case 'hand':
      if (event.raised) row.hand ??= { since: at };
      else delete row.hand;
      break;
    case 'shared-failure':
      row.shared = { lessonId: event.lessonId, stepId: event.stepId, label: event.label, expected: event.expected, actual: event.actual, output: event.output, at };
      break;
    case 'ping':
      break;
  }
  return true;
}

export interface StuckRules {
  /** On one step longer than this (ms). */
  stepMs: number;
  /** The same check failing this many times in a row. */
  failures: number;
}

export const DEFAULT_STUCK: StuckRules = { stepMs: 10 * 60_000, failures: 3 };

/** Why a learner looks stuck now, in the page's words, or undefined. */
export interface Stuck {
  reason: 'long-on-step' | 'failing-check';
  /** The check it is about, when one fails. */
  check?: string;
  since: number;
}

export function stuckNow(row: LearnerRow, now: number, rules: StuckRules = DEFAULT_STUCK): Stuck | undefined {
  if (row.left || !row.step || row.cells[row.step.id] === 'passed') return undefined;
  if (row.failing && row.failing.times >= rules.failures) return { reason: 'failing-check', check: row.failing.label, since: row.failing.since };
  if (now - row.step.since >= rules.stepMs) return { reason: 'long-on-step', ...(row.failing ? { check: row.failing.label } : {}), since: row.step.since };
  return undefined;
}

/** A row as the page gets it: no shared texts (fetched when opened), and whether it is stuck now. */
export interface RowView extends Omit<LearnerRow, 'shared'> {
  shared?: { stepId: string; label: string; at: number };
  stuck?: Stuck;
}

export function rowView(row: LearnerRow, now: number, rules: StuckRules = DEFAULT_STUCK): RowView {
  const { shared, ...rest } = row;
  const stuck = stuckNow(row, now, rules);
  return { ...rest, ...(shared ? { shared: { stepId: shared.stepId, label: shared.label, at: shared.at } } : {}), ...(stuck ? { stuck } : {}) };
}
