/**
 * What the workshop says of a file the learner has just written (the editor closed): for a manifest, the
 * problems `kubectl apply` would refuse it for (Kubernetes 1.36 and Istio 1.31 schemas), each as
 * FILE:LINE:COL: message; otherwise that it is saved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

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
  // The validator (its schemas are most of its size) loads only when a manifest is written.
  const { checkManifests, formatProblem } = await import('../manifests/validate-manifests.js');
  const { problems, objects } = await checkManifests(text, name);
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const lines = problems.map(formatProblem);
  if (errors === 0) {
    const what = objects.map(({ kind, name: objectName }) => `${kind}/${objectName}`).join(', ') || 'no objects';
    return { lines: [`✓ ${name}: valid (${what})`, ...lines], message: `${name} is valid. a: apply it (or apply it from the shell) · Enter: check` };
  }
  return { lines, message: `${name} has ${errors === 1 ? 'a problem' : `${errors} problems`} (below), as kubectl apply would refuse it: e to fix it` };
}
