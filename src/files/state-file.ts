/**
 * The workshop's own state files in the state directory (progress.json, clusters.json, contexts.json,
 * the tools' installed.json). A missing one is normal. One that cannot be read as what it should hold is
 * moved aside (`<file>.corrupt-<time>`), never read as empty in silence nor overwritten: the learner is told
 * where it went and what to do, and may want what was in it.
 */
import { readFileSync, renameSync } from 'node:fs';
import { UserError } from '../errors.js';

/** What a file's parsed JSON must be: the value, or why it is not. */
export type StateShape<T> = (data: unknown) => { value: T } | { problem: string };

export type StateRead<T> = { found: false } | { found: true; value: T } | { found: true; unusable: string };

/**
 * A state file's content: missing, read, or unusable (and why; `what` names the kind of file in that
 * sentence). A file that exists but cannot be opened is the learner's to fix.
 */
export function readStateFile<T>(file: string, shape: StateShape<T>, what: string): StateRead<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { found: false };
    throw new UserError(`cannot read ${file} (${code ?? (error as Error).message}): check its permissions, or move it away`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { found: true, unusable: `not valid JSON (${(error as Error).message})` };
  }
  const shaped = shape(data);
  if ('problem' in shaped) return { found: true, unusable: `not a ${what} this version understands (${shaped.problem})` };
  return { found: true, value: shaped.value };
}

/** Moves a file aside as `<file>.corrupt-<time>` and returns its new name. */
export function moveAside(file: string, now = new Date()): string {
  const backup = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, backup);
  return backup;
}

const notices: string[] = [];

/**
 * A state file's value, or `fallback` when it is missing; an unusable one is moved aside, and a notice
 * (what was wrong, where the file went, `whatNow`) is kept for the command line or the TUI to show.
 */
export function stateFileValue<T>(file: string, shape: StateShape<T>, what: string, fallback: T, whatNow: string): T {
  const read = readStateFile(file, shape, what);
  if (!read.found) return fallback;
  if ('value' in read) return read.value;
  noteStateProblem(`${file} was ${read.unusable}; it was kept as ${moveAside(file)}. ${whatNow}`);
  return fallback;
}

/** Keeps a sentence about a state file set aside, for the learner. */
export function noteStateProblem(notice: string): void {
  notices.push(notice);
}

/** The notices since the last call, each once. */
export function takeStateNotices(): string[] {
  return notices.splice(0);
}
