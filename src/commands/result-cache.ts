/**
 * `list` and `lint` are run often and must start like plain node, but reading lessons means loading the
 * YAML parser and the schema. Their results are therefore kept in the state directory, keyed by what they
 * were made from: the workshop build and the size and modification time of the lesson files (for lint,
 * every file in the pack). Any change and they are made anew, as ESLint's and tsc's caches work.
 *
 * The first run after an install has no state directory yet, and reading nine lessons of YAML through the
 * schema is most of its time. So the build ships both results for the bundled lessons (dist/shipped/, made
 * by this code at build time), each with the SHA-256 of the lesson files' content: a state directory
 * without a result takes the shipped one when the bundled lessons' content is still that.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../lesson/problems.js';
import type { LessonListing } from '../lesson/listing.js';
import { nodeCrypto } from '../lazy-builtins.js';
import { defaultLessonsDir } from '../paths.js';

export interface CachedListing {
  listings: LessonListing[];
  errors: Problem[];
}

export interface CachedLint {
  lessons: number;
  problems: Problem[];
}

function statKey(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'none';
  }
}

/** Every file below a folder, as "relative-path size:mtime" lines. */
function treeKeys(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const relative = path.join(prefix, entry.name);
      return entry.isDirectory() ? treeKeys(dir, relative) : [`${relative} ${statKey(path.join(dir, relative))}`];
    });
}

/**
 * What a result depends on, as text (compared whole: no hashing, so node:crypto is not loaded to answer from
 * the cache); undefined when the lesson folder cannot be read. `deep` covers every file in the pack (for lint,
 * which also checks the files lessons refer to); otherwise each lesson.yaml.
 */
export function packFingerprint(lessonsDir: string, deep = false): string | undefined {
  let parts: string[];
  try {
    parts = deep
      ? treeKeys(lessonsDir)
      : readdirSync(lessonsDir)
          .sort()
          .map((entry) => `${entry} ${statKey(path.join(lessonsDir, entry, 'lesson.yaml'))}`);
  } catch {
    return undefined;
  }
  parts.unshift(`build ${statKey(fileURLToPath(import.meta.url))}`, `dir ${path.resolve(lessonsDir)}`, deep ? 'deep' : 'lessons');
  return parts.join('\n');
}

/** Every file below a folder, path and bytes: what a result made from it depends on, wherever it lies. */
export function contentFingerprint(dir: string, prefix = '', hash = nodeCrypto().createHash('sha256')): string {
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) contentFingerprint(dir, relative, hash);
    else hash.update(`${relative}\u0000`).update(readFileSync(path.join(dir, relative))).update('\u0000');
  }
  return prefix === '' ? hash.digest('hex') : '';
}

const isBundled = (lessonsDir: string): boolean => path.resolve(lessonsDir) === path.resolve(defaultLessonsDir());

/** A cached result as stored; the bundled lessons' also say what they were made from, to be shipped. */
interface CacheEntry<T> {
  fingerprint?: string;
  value?: T;
  /** The bundled lessons' content fingerprint and folder when the result was made. */
  content?: string;
  lessonsDir?: string;
}

/** A short name for a folder's cache files. Two folders sharing one only cost speed: each entry names its folder. */
function shortName(text: string): string {
  let first = 0x811c9dc5;
  let second = 0x5bd1e995;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x5bd1e995);
  }
  return [first, second].map((half) => (half >>> 0).toString(16).padStart(8, '0')).join('');
}

function cacheFile(home: string, kind: CacheKind, lessonsDir: string): string {
  const name = shortName(path.resolve(lessonsDir));
  return path.join(home, 'cache', `${kind}-${name}.json`);
}

/** What is kept: the listing, lint's findings, the validated lessons (lesson-pack.ts; not shipped: too large). */
export type CacheKind = 'list' | 'lint' | 'lessons';
type ShippedKind = Exclude<CacheKind, 'lessons'>;
const isShipped = (kind: CacheKind): kind is ShippedKind => kind !== 'lessons';

export function readCache<T>(home: string, kind: CacheKind, lessonsDir: string, fingerprint: string): T | undefined {
  try {
    const cached = JSON.parse(readFileSync(cacheFile(home, kind, lessonsDir), 'utf8')) as CacheEntry<T>;
    if (cached.fingerprint === fingerprint && cached.value !== undefined) return cached.value;
  } catch {
    // No cache, or one we cannot read: the shipped result, or the work done the slow way.
  }
  const shipped = isShipped(kind) && isBundled(lessonsDir) ? shippedResult<T>(kind, lessonsDir) : undefined;
  if (shipped !== undefined) writeCache(home, kind, lessonsDir, fingerprint, shipped.value, shipped.content);
  return shipped?.value;
}

/** Where the build leaves the results it made for the bundled lessons (beside this module, in dist/). */
export function shippedFile(kind: ShippedKind): string {
  return fileURLToPath(new URL(`shipped/${kind}.json`, import.meta.url));
}

/**
 * The result shipped with the build, when the bundled lessons are still what it was made from. Paths in it
 * (lesson folders, problem files) named the build's lesson folder: they are moved to this one.
 */
function shippedResult<T>(kind: ShippedKind, lessonsDir: string): { value: T; content: string } | undefined {
  let entry: CacheEntry<T>;
  try {
    entry = JSON.parse(readFileSync(shippedFile(kind), 'utf8')) as CacheEntry<T>;
  } catch {
    return undefined; // Not a build (the tests run from source), or one without: the slow way.
  }
  if (entry.value === undefined || entry.content === undefined || entry.lessonsDir === undefined) return undefined;
  try {
    if (entry.content !== contentFingerprint(lessonsDir)) return undefined;
  } catch {
    return undefined;
  }
  const from = JSON.stringify(entry.lessonsDir).slice(1, -1);
  const to = JSON.stringify(path.resolve(lessonsDir)).slice(1, -1);
  return { value: JSON.parse(JSON.stringify(entry.value).replaceAll(from, to)) as T, content: entry.content };
}

/** `content`: the bundled lessons' content fingerprint when the caller has it already (a shipped result). */
export function writeCache<T>(home: string, kind: CacheKind, lessonsDir: string, fingerprint: string, value: T, content?: string): void {
  const file = cacheFile(home, kind, lessonsDir);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    // The bundled lessons' result says what it was made from, so that a build can ship it.
    const made: CacheEntry<T> = isShipped(kind) && isBundled(lessonsDir) ? { content: content ?? contentFingerprint(lessonsDir), lessonsDir: path.resolve(lessonsDir) } : {};
    writeFileSync(temporary, JSON.stringify({ fingerprint, value, ...made }));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs speed next time.
  }
}
