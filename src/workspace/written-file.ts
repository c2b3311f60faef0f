/**
 * What the workshop says of a file the learner has just written (the editor closed): for a manifest, the
 * problems `kubectl apply` would refuse it for, each as FILE:LINE:COL: message; otherwise that it is saved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface FileNotes {
  /** For the check panel: one problem per line. */
  lines: string[];
  /** For the status line. */
  message: string;
}

export async function writtenFileNotes(file: string): Promise<FileNotes> {
  const name = path.basename(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { lines: [], message: `${name} could not be read: ${(error as Error).message}` };
  }
  if (!/\.ya?ml$/i.test(name)) return { lines: [], message: `${name} saved. Enter: check the task` };
  const problems = await manifestProblemLines(text, name);
  if (problems.length === 0) return { lines: [`✓ ${name}: valid YAML`], message: `${name} is valid. a: apply it (or apply it from the shell) · Enter: check` };
  return { lines: problems, message: `${name} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} (below): e to fix it` };
}

async function manifestProblemLines(text: string, name: string): Promise<string[]> {
  await Promise.resolve();
  return parseAllDocuments(text).flatMap((doc) => doc.errors.map((error) => `${name}:${error.linePos?.[0].line ?? 1}:${error.linePos?.[0].col ?? 1}: ${error.message.split('\n')[0] ?? ''}`));
}
