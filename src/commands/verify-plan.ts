/**
 * What `mesh-workshop verify [LESSON…] [--optional] [--keep] [--junit-dir DIR]` is asked to do, worked out
 * before anything runs: which lessons, which clusters they need, where the JUnit files go. Pure, so a CI
 * matrix job that verifies one lesson brings up only that lesson's clusters, and a typo is named at once.
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import type { LessonListing } from '../lesson/listing.js';
import { closestName } from '../lesson/suggest.js';
import type { Flags } from './options.js';

export interface VerifyRequest {
  /** The lessons named, in the order given; none means every lesson. */
  lessons: string[];
  optional: boolean;
  keep: boolean;
  /** Where the JUnit files and support bundles go; undefined means `<state directory>/verify`. */
  junitDir?: string;
}

/** `verify`'s own words from the parsed command line: lesson ids, then its switches. */
export function verifyRequest(flags: Pick<Flags, 'optional' | 'keep' | 'junit-dir'>, positionals: readonly string[]): VerifyRequest {
  const seen = new Set<string>();
  for (const id of positionals) {
    if (seen.has(id)) throw new UserError(`verify: the lesson '${id}' is named twice`);
    seen.add(id);
  }
  const junitDir = flags['junit-dir'];
  if (junitDir !== undefined && junitDir.trim() === '') throw new UserError('verify: --junit-dir needs a folder, e.g. --junit-dir reports');
  return { lessons: [...positionals], optional: flags.optional === true, keep: flags.keep === true, ...(junitDir !== undefined ? { junitDir: path.resolve(junitDir) } : {}) };
}

/** The lessons to verify, in the pack's order (each lesson's setup brings fresh clusters to its start). */
export function selectLessons<T extends Pick<LessonListing, 'id'>>(listings: readonly T[], ids: readonly string[]): T[] {
  if (ids.length === 0) return [...listings];
  const known = listings.map((listing) => listing.id);
  for (const id of ids) {
    if (known.includes(id)) continue;
    const near = closestName(id, known);
    throw new UserError(`verify: no lesson '${id}'${near ? ` (did you mean '${near}'?)` : ''}; the lessons are ${known.join(', ')}`);
  }
  return listings.filter((listing) => ids.includes(listing.id));
}

/**
 * The clusters the chosen lessons need, each once, in the workshop's order: their `clusters`, and with
 * --optional also the ones only their optional steps use. Empty when none needs one.
 */
export function clustersToVerify(lessons: readonly Pick<LessonListing, 'clusters' | 'optionalClusters'>[], optional: boolean, workshopOrder: readonly string[]): string[] {
  const wanted = new Set(lessons.flatMap((lesson) => [...lesson.clusters, ...(optional ? lesson.optionalClusters : [])]));
  const unknown = [...wanted].filter((name) => !workshopOrder.includes(name));
  if (unknown.length > 0) throw new UserError(`verify: the lessons need ${unknown.join(', ')}, which the workshop does not create (its clusters are ${workshopOrder.join(', ')})`);
  return workshopOrder.filter((name) => wanted.has(name));
}
