/**
 * `list` and `lint` are run often and must start like plain node, but reading lessons means loading the
 * YAML parser and the schema. Their results are therefore kept in the state directory, keyed by what they
 * were made from: the workshop build and the size and modification time of the lesson files (for lint,
 * every file in the pack). Any change and they are made anew, as ESLint's and tsc's caches work.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../lesson/problems.js';
import type { LessonListing } from '../lesson/listing.js';

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
 * What a result depends on; undefined when the lesson folder cannot be read. `deep` covers every file in
 * the pack (for lint, which also checks the files lessons refer to); otherwise each lesson.yaml.
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
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

function cacheFile(home: string, kind: string, lessonsDir: string): string {
  const name = createHash('sha256').update(path.resolve(lessonsDir)).digest('hex').slice(0, 16);
  return path.join(home, 'cache', `${kind}-${name}.json`);
}

export function readCache<T>(home: string, kind: 'list' | 'lint', lessonsDir: string, fingerprint: string): T | undefined {
  try {
    const cached = JSON.parse(readFileSync(cacheFile(home, kind, lessonsDir), 'utf8')) as { fingerprint?: string; value?: T };
    return cached.fingerprint === fingerprint && cached.value !== undefined ? cached.value : undefined;
  } catch {
    return undefined; // No cache, or one we cannot read: do the work the slow way.
  }
}

export function writeCache<T>(home: string, kind: 'list' | 'lint', lessonsDir: string, fingerprint: string, value: T): void {
  const file = cacheFile(home, kind, lessonsDir);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ fingerprint, value }));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs speed next time.
  }
}
