/**
 * `mesh-workshop list` as text for a given width. The table when it fits (and always for a pipe, one
 * line per lesson for scripts); otherwise each lesson takes as many lines as it needs, its title and
 * needs wrapped at word boundaries, so nothing a learner must read is cut or broken mid-word.
 */
import type { LessonListing } from '../lesson/listing.js';
import { wrapWords } from './wrap-text.js';

export interface ListedLesson {
  id: string;
  title: string;
  time: string;
  needs: string;
}

/** What a lesson needs, in one phrase. */
export function lessonNeeds(listing: Pick<LessonListing, 'clusters' | 'tools' | 'requires'>): string {
  const parts = [];
  if (listing.clusters.length > 0) parts.push(listing.clusters.join('+'));
  if (listing.tools.length > 0) parts.push(listing.tools.join(', '));
  if (listing.requires.length > 0) parts.push(`after ${listing.requires.join(', ')}`);
  return parts.length === 0 ? 'nothing (runs anywhere)' : parts.join('; ');
}

export function lessonListLines(lessons: readonly ListedLesson[], width = Number.POSITIVE_INFINITY): string[] {
  if (lessons.length === 0) return ['  (no lessons)'];
  const idWidth = Math.max(2, ...lessons.map((l) => l.id.length));
  const titleWidth = Math.max(5, ...lessons.map((l) => l.title.length));
  const row = (number: string, id: string, title: string, time: string, needs: string): string =>
    `${number.padStart(3)}  ${id.padEnd(idWidth)}  ${title.padEnd(titleWidth)}  ${time.padStart(5)}  ${needs}`;
  const table = [row('#', 'id', 'title', 'time', 'needs'), ...lessons.map((l, index) => row(String(index), l.id, l.title, l.time, l.needs))];
  if (table.every((line) => line.length <= width)) return table;
  // Stacked: "  5  multi-mesh  75m" then the title and the needs below, wrapped under the id.
  const indent = ' '.repeat(5);
  const room = Math.max(20, width - indent.length);
  return lessons.flatMap((l, index) => [
    `${String(index).padStart(3)}  ${l.id}  ${l.time}`,
    ...wrapWords(l.title, room).map((line) => `${indent}${line}`),
    ...wrapWords(`needs ${l.needs}`, room).map((line) => `${indent}${line}`),
  ]);
}
