/** `mesh-workshop list`: the lessons in order, with their estimate and what they need. */
import type { GlobalOptions, Flags } from './options.js';
import { UserError } from '../errors.js';
import { formatDuration, parseDuration } from '../lesson/duration.js';
import { listingOf, type LessonListing } from '../lesson/listing.js';
import { packFingerprint, readCache, writeCache, type CachedListing } from './result-cache.js';
import { formatProblem } from '../lesson/problems.js';

function needs(listing: LessonListing): string {
  const parts = [];
  if (listing.clusters.length > 0) parts.push(listing.clusters.join('+'));
  if (listing.tools.length > 0) parts.push(listing.tools.join(', '));
  if (listing.requires.length > 0) parts.push(`after ${listing.requires.join(', ')}`);
  return parts.length === 0 ? 'nothing (runs anywhere)' : parts.join('; ');
}

/** The listing, from the cache when no lesson file changed since it was made. */
export async function currentListing(globals: GlobalOptions): Promise<CachedListing> {
  const fingerprint = packFingerprint(globals.lessonsDir);
  if (fingerprint === undefined) throw new UserError(`no lessons in ${globals.lessonsDir}: the folder does not exist`);
  const cached = readCache<CachedListing>(globals.home, 'list', globals.lessonsDir, fingerprint);
  if (cached) return cached;
  const { loadLessonPack } = await import('../lesson/load.js');
  const { lessons, problems } = loadLessonPack(globals.lessonsDir);
  const listing = { listings: lessons.map(listingOf), errors: problems.filter((problem) => problem.severity === 'error') };
  writeCache(globals.home, 'list', globals.lessonsDir, fingerprint, listing);
  return listing;
}

export async function listCommand(globals: GlobalOptions, flags: Flags): Promise<number> {
  const { listings, errors } = await currentListing(globals);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(listings, null, 2)}\n`);
  } else {
    const idWidth = Math.max(2, ...listings.map((l) => l.id.length));
    const titleWidth = Math.max(5, ...listings.map((l) => l.title.length));
    process.stdout.write(`  #  ${'id'.padEnd(idWidth)}  ${'title'.padEnd(titleWidth)}  ${'time'.padStart(5)}  needs\n`);
    listings.forEach((l, index) => {
      const time = formatDuration(parseDuration(l.estimate)).replace(/m00s$/, 'm');
      process.stdout.write(`${String(index).padStart(3)}  ${l.id.padEnd(idWidth)}  ${l.title.padEnd(titleWidth)}  ${time.padStart(5)}  ${needs(l)}\n`);
    });
    if (listings.length === 0) process.stdout.write('  (no lessons)\n');
  }
  // A broken lesson is not listed; say so rather than hide it.
  for (const problem of errors) process.stderr.write(`${formatProblem(problem)}\n`);
  if (errors.length > 0) process.stderr.write("Some lessons could not be read; 'mesh-workshop lint' shows every problem.\n");
  return errors.length > 0 ? 1 : 0;
}
