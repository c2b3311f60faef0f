/**
 * `mesh-workshop validate FILE…`: manifests checked as `kubectl apply` would check them, before a cluster
 * sees them: YAML errors and Kubernetes 1.36 and Istio 1.31 schema errors, as FILE:LINE:COL: message.
 * Exit 0 when every file is valid (warnings allowed), 1 when any has an error, 2 when a file cannot be read.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { checkManifests, formatProblem, visible, type ManifestObject } from '../manifests/validate-manifests.js';
import type { Flags } from './options.js';

function readManifest(file: string): string {
  return readFileSync(file === '-' ? 0 : file, 'utf8');
}

function whyUnreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory (name the manifest files in it)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function objectList(objects: readonly ManifestObject[]): string {
  return `${plural(objects.length, 'object')}${objects.length > 0 ? `: ${objects.map(({ kind, name }) => `${kind}/${name}`).join(', ')}` : ''}`;
}

export async function validateCommand(flags: Flags, rest: readonly string[]): Promise<number> {
  const files = [...(flags.file === undefined ? [] : [flags.file]), ...rest];
  if (files.length === 0) throw new UserError('validate: name the manifest files to check: mesh-workshop validate FILE… (- reads standard input)');
  let errors = 0;
  let warnings = 0;
  let unreadable = 0;
  for (const file of files) {
    const name = file === '-' ? '<stdin>' : file;
    let text: string;
    try {
      text = readManifest(file);
    } catch (error) {
      process.stderr.write(`mesh-workshop: cannot read ${visible(name)}: ${visible(whyUnreadable(error))}\n`);
      unreadable++;
      continue;
    }
    const { problems, objects } = await checkManifests(text, name);
    for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
    const fileErrors = problems.filter((p) => p.severity === 'error').length;
    errors += fileErrors;
    warnings += problems.length - fileErrors;
    if (fileErrors === 0) process.stdout.write(`${visible(name)}: valid (${visible(objectList(objects))})\n`);
  }
  if (errors + warnings > 0) process.stderr.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files.length, 'file')}\n`);
  return unreadable > 0 ? 2 : errors > 0 ? 1 : 0;
}
