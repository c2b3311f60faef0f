/**
 * The learner's workspace: one folder per lesson (<home>/work/<lesson>/) where tasks are done, files are
 * written and the workshop shell starts. The workshop copies a task's scaffold in once and never overwrites
 * what the learner wrote; reset removes the folder (after asking).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { lineDiff } from '../views/line-diff.js';

export function lessonWorkspace(home: string, lessonId: string): string {
  return path.join(home, 'work', lessonId);
}

export function ensureWorkspace(home: string, lessonId: string): string {
  const dir = lessonWorkspace(home, lessonId);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Where a task's scaffold lives once copied: the workspace, under the scaffold's own file name. */
export function scaffoldTarget(workspace: string, scaffold: string): string {
  return path.join(workspace, path.basename(scaffold));
}

/**
 * Copies the scaffold into the workspace unless the learner's copy is already there, and says which it was:
 * a learner's half-written file is never replaced by the starter.
 */
export function placeScaffold(lessonDir: string, workspace: string, scaffold: string): { file: string; copied: boolean } {
  const file = scaffoldTarget(workspace, scaffold);
  if (existsSync(file)) return { file, copied: false };
  mkdirSync(workspace, { recursive: true });
  copyFileSync(path.join(lessonDir, scaffold), file);
  return { file, copied: true };
}

/** Removes a lesson's workspace; true when there was one. */
export function clearWorkspace(home: string, lessonId: string): boolean {
  const dir = lessonWorkspace(home, lessonId);
  if (!existsSync(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}

/** The learner's file for a task against the finished one: missing (with the finished file), the same, or what differs. */
export type FileAgainstFinished = { name: string } & ({ state: 'missing'; finished: string[] } | { state: 'same' } | { state: 'differs'; diff: string[] });

export function fileAgainstFinished(lessonDir: string, workspace: string, scaffold: string, reference: string): FileAgainstFinished {
  const mine = scaffoldTarget(workspace, scaffold);
  const name = path.basename(mine);
  const finished = readFileSync(path.join(lessonDir, reference), 'utf8');
  if (!existsSync(mine)) return { name, state: 'missing', finished: finished.trimEnd().split('\n') };
  const diff = lineDiff(readFileSync(mine, 'utf8'), finished);
  return diff.length === 0 ? { name, state: 'same' } : { name, state: 'differs', diff };
}
