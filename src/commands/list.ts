/** `mesh-workshop list`: the lessons in order, with their estimate and what they need. */
import type { GlobalOptions, Flags } from './options.js';
import { UserError } from '../errors.js';
import { formatDuration, parseDuration } from '../lesson/duration.js';
import { listingOf } from '../lesson/listing.js';
import { lessonListLines, lessonNeeds } from '../views/lesson-list.js';
import { packFingerprint, readCache, writeCache, type CachedListing } from './result-cache.js';
import { formatProblem, problemsToKeep, problemsToShow } from '../lesson/problems.js';

/** The listing, from the cache when no lesson file changed since it was made. */
export async function currentListing(globals: GlobalOptions): Promise<CachedListing> {
  const fingerprint = packFingerprint(globals.lessonsDir);
  if (fingerprint === undefined) throw new UserError(`no lessons in ${globals.lessonsDir}: the folder does not exist`);
  // Problem files are kept absolute and shown from where this command runs.
  const cached = readCache<CachedListing>(globals.home, 'list', globals.lessonsDir, fingerprint);
  if (cached) return { ...cached, errors: problemsToShow(cached.errors) };
  const { loadLessonPack } = await import('../lesson/load.js');
  const { lessons, problems } = loadLessonPack(globals.lessonsDir);
  const errors = problems.filter((problem) => problem.severity === 'error');
  const listings = lessons.map(listingOf);
  writeCache(globals.home, 'list', globals.lessonsDir, fingerprint, { listings, errors: problemsToKeep(errors) });
  return { listings, errors };
}

export async function listCommand(globals: GlobalOptions, flags: Flags): Promise<number> {
  const { listings, errors } = await currentListing(globals);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(listings, null, 2)}\n`);
  } else {
    const lessons = listings.map((l) => ({ id: l.id, title: l.title, time: formatDuration(parseDuration(l.estimate)).replace(/m00s$/, 'm'), needs: lessonNeeds(l) }));
    // A terminal's width; a pipe gets the table whole, a line per lesson, for scripts.
    const width = process.stdout.isTTY ? process.stdout.columns : undefined;
    for (const line of lessonListLines(lessons, width)) process.stdout.write(`${line}\n`);
  }
  // A broken lesson is not listed; say so rather than hide it.
  for (const problem of errors) process.stderr.write(`${formatProblem(problem)}\n`);
  if (errors.length > 0) process.stderr.write("Some lessons could not be read; 'mesh-workshop lint' shows every problem.\n");
  return errors.length > 0 ? 1 : 0;
}
