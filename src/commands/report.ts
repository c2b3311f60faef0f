/**
 * `mesh-workshop report [LESSON] [-o FILE]`: a support bundle (.tar.gz) to attach to a question: versions,
 * the doctor, the lesson's last run, the diagnosis and what the clusters hold, with secrets redacted (see
 * src/support-bundle/). LESSON defaults to the one the learner was in last. Exit 0 when the bundle was
 * written, whatever sources failed (it records them); 2 when there is no lesson to report on, or the file
 * cannot be written.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { stepPath } from '../cluster/toolchain.js';
import { closestName } from '../lesson/suggest.js';
import type { LessonListing } from '../lesson/listing.js';
import { parseProgress } from '../progress/progress-format.js';
import { bundleBaseName, sizeText, writeSupportBundle, type Diagnose, type SupportBundle } from '../support-bundle/bundle.js';
import { shellWord } from '../support-bundle/sources.js';
import { currentListing } from './list.js';
import type { Flags, GlobalOptions } from './options.js';

/** This package's version: the nearest package.json named mesh-workshop above this module (src/ or dist/). */
export function workshopVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mesh-workshop' && pkg.version) return pkg.version;
    } catch {
      // Not here; one folder up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

/**
 * The diagnosis the bundle includes: src/diagnosis's facts and likely causes for the whole lesson (its
 * clusters, the namespaces its steps name, istio-system), read-only and within the diagnosis's own time
 * limit. The one place the bundle meets the diagnosis: writeSupportBundle takes it as its `diagnose`.
 */
export function bundleDiagnosis(): Diagnose {
  return async ({ home, lessonsDir, lessonId }) => {
    const { readLessonPack } = await import('./lesson-pack.js');
    const loaded = (await readLessonPack(home, lessonsDir)).lessons.find((candidate) => candidate.lesson.id === lessonId);
    if (!loaded) throw new Error(`the lesson '${lessonId}' cannot be read from ${lessonsDir}, so there is nothing to diagnose`);
    const { diagnoseLesson } = await import('../diagnosis/diagnose.js');
    return diagnoseLesson(home, loaded);
  };
}

function lessonNames(listings: readonly LessonListing[]): string {
  return listings.map((listing) => listing.id).join(', ') || 'none';
}

/** The lesson asked for (by id or folder), or the one progress.json says the learner was in last. */
export function lessonToReport(home: string, listings: readonly LessonListing[], wanted: string | undefined): LessonListing {
  const find = (name: string): LessonListing | undefined => listings.find((listing) => listing.id === name || path.basename(listing.folder) === name);
  const nameOne = `Name one: mesh-workshop report LESSON (lessons: ${lessonNames(listings)})`;
  if (wanted !== undefined) {
    const found = find(wanted);
    if (found) return found;
    const guess = closestName(wanted, listings.map((listing) => listing.id));
    throw new UserError(`no lesson '${wanted}'${guess ? ` (did you mean '${guess}'?)` : ''}. Lessons: ${lessonNames(listings)}`);
  }
  const file = path.join(home, 'progress.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`no lesson to report on: none has been started yet (${file} does not exist). ${nameOne}`);
    throw new UserError(`cannot tell which lesson you were in: ${file} cannot be read (${code ?? (error as Error).message}). ${nameOne}`);
  }
  let parsed: ReturnType<typeof parseProgress>;
  try {
    parsed = parseProgress(JSON.parse(text) as unknown);
  } catch (error) {
    parsed = { problem: `not valid JSON (${(error as Error).message})` };
  }
  if ('problem' in parsed) throw new UserError(`cannot tell which lesson you were in: ${file} is ${parsed.problem}. ${nameOne}`);
  if (parsed.lastLesson === undefined) throw new UserError(`no lesson to report on: ${file} records no lesson started. ${nameOne}`);
  const last = find(parsed.lastLesson);
  if (!last) throw new UserError(`${file} says you were last in the lesson '${parsed.lastLesson}', which is not among the lessons now. ${nameOne}`);
  return last;
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Where the bundle goes: FILE, or a default name in FILE when it is a folder, or in the current folder. */
export function bundlePath(given: string | undefined, defaultName: string, cwd = process.cwd()): string {
  if (given === undefined || given === '') return path.resolve(cwd, defaultName);
  const resolved = path.resolve(cwd, given);
  if (/[/\\]$/.test(given) || isDirectory(resolved)) return path.join(resolved, defaultName);
  return resolved;
}

/** Refuses, before anything is gathered, a place the bundle cannot be written, naming what is wrong where. */
export function checkWritable(file: string): void {
  const cannot = `cannot write the support bundle to ${file}`;
  const dir = path.dirname(file);
  let nearest = dir;
  while (!existsSync(nearest) && path.dirname(nearest) !== nearest) nearest = path.dirname(nearest);
  if (!isDirectory(nearest)) throw new UserError(`${cannot}: ${nearest} is a file, not a folder. Give another place with -o FILE`);
  if (nearest !== dir) throw new UserError(`${cannot}: the folder ${dir} does not exist. Make it first, or give another place with -o FILE`);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'not allowed';
    throw new UserError(`${cannot}: ${existsSync(file) ? file : `the folder ${dir}`} is not writable (${code}). Give another place with -o FILE`);
  }
}

/** The lines said once a bundle is written: where, how big, what failed, and how to look inside. */
export function writtenLines(bundle: SupportBundle): string[] {
  const failed = bundle.sources.filter((source) => source.status !== 'ok' && source.status !== 'skipped').length;
  const files = bundle.entries.length;
  return [
    `Wrote ${bundle.file} (${sizeText(bundle.bytes)}, ${files} files)${failed > 0 ? `; ${failed} source${failed === 1 ? '' : 's'} gave nothing or failed: SUMMARY.txt inside says which and why` : ''}.`,
    ...(bundle.withheld.length > 0 ? [`Left out, as they still looked like secrets after redaction: ${bundle.withheld.map((item) => item.file).join(', ')}.`] : []),
    `Look inside before sharing: tar -tzf ${shellWord(bundle.file)}`,
  ];
}

export async function reportCommand(globals: GlobalOptions, flags: Flags, rest: string[]): Promise<number> {
  const [wanted, ...extra] = rest;
  if (extra.length > 0) throw new UserError(`report takes one lesson, not '${rest.join(' ')}'. Usage: mesh-workshop report [LESSON] [-o FILE]`);
  // The tools the steps use: the workshop's pinned copies first.
  process.env.PATH = stepPath(globals.home);
  const { listings } = await currentListing(globals);
  const lesson = lessonToReport(globals.home, listings, wanted);
  const now = new Date();
  const output = bundlePath(flags.output, `${bundleBaseName(lesson.id, now)}.tar.gz`);
  checkWritable(output);
  process.stderr.write(`Gathering a support bundle for '${lesson.id}' (each source has a time limit; 90s at most per cluster)…\n`);
  let bundle: SupportBundle;
  try {
    bundle = await writeSupportBundle({
      home: globals.home,
      lessonsDir: globals.lessonsDir,
      lesson: { id: lesson.id, title: lesson.title, clusters: lesson.clusters },
      output,
      workshopVersion: workshopVersion(),
      now,
      diagnose: bundleDiagnosis(),
      ...(process.env.KUBECONFIG ? { learnerKubeconfig: process.env.KUBECONFIG } : {}),
      progress: (line) => process.stderr.write(`  ${line}\n`),
    });
  } catch (error) {
    // Checked before gathering; a disk that filled up meanwhile, or a folder taken away, still says where.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UserError(`cannot write the support bundle to ${output}: ${code} (${(error as Error).message})`);
  }
  process.stdout.write(`${writtenLines(bundle).join('\n')}\n`);
  return 0;
}
