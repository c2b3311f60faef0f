/**
 * The GitHub workflows in .github/workflows read as the runner would: each job once per matrix entry,
 * each step's environment with its `${{ … }}` values filled in, and the command lines that call the CLI
 * with their words expanded by the real bash. Nothing here runs a step; the tests decide what to run.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const WORKFLOWS_DIR = path.resolve('.github/workflows');

export interface WorkflowStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

export interface WorkflowJob {
  name?: string;
  'runs-on': string;
  'timeout-minutes'?: number | string;
  strategy?: { matrix?: Record<string, unknown> };
  env?: Record<string, string>;
  steps: WorkflowStep[];
}

export interface Workflow {
  file: string;
  text: string;
  document: { name?: string; on: unknown; env?: Record<string, string>; jobs: Record<string, WorkflowJob> };
}

export function workflows(): Workflow[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const file = path.join(WORKFLOWS_DIR, name);
      const text = readFileSync(file, 'utf8');
      return { file, text, document: parse(text) as Workflow['document'] };
    });
}

export function workflow(name: string): Workflow {
  const found = workflows().find((candidate) => path.basename(candidate.file) === name);
  if (!found) throw new Error(`no workflow ${name} in ${WORKFLOWS_DIR}`);
  return found;
}

export type MatrixEntry = Record<string, string | number>;

/** A job's matrix entries as the runner makes them: the product of its lists, or its `include` entries alone. */
export function matrixEntries(job: WorkflowJob): MatrixEntry[] {
  const matrix = job.strategy?.matrix;
  if (matrix === undefined) return [{}];
  const { include, exclude, ...lists } = matrix as { include?: MatrixEntry[]; exclude?: unknown } & Record<string, unknown>;
  if (exclude !== undefined) throw new Error('matrix exclude is not read here; expand the matrix by hand in this helper first');
  const keys = Object.keys(lists);
  if (keys.length > 0 && include !== undefined) throw new Error('a matrix with both lists and include is not read here');
  if (include !== undefined) return include;
  return keys.reduce<MatrixEntry[]>((entries, key) => entries.flatMap((entry) => (lists[key] as (string | number)[]).map((value) => ({ ...entry, [key]: value }))), [{}]);
}

/** What `${{ … }}` may name in the values the tests evaluate; anything else is an error, not a guess. */
export interface Contexts {
  matrix: MatrixEntry;
  workspace: string;
  os: 'Linux' | 'macOS';
}

export function evaluate(value: string, contexts: Contexts): string {
  return value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_all, expression: string) => {
    const matrixKey = /^matrix\.([\w-]+)$/.exec(expression)?.[1];
    if (matrixKey !== undefined) {
      const found = contexts.matrix[matrixKey];
      if (found === undefined) throw new Error(`\${{ ${expression} }}: the matrix entry has no '${matrixKey}'`);
      return String(found);
    }
    if (expression === 'github.workspace') return contexts.workspace;
    if (expression === 'runner.os') return contexts.os;
    throw new Error(`\${{ ${expression} }} is not known to the dry reading (test/helpers/workflows.ts)`);
  });
}

/** A run step's environment: the workflow's, the job's, then the step's own, each value evaluated. */
export function stepEnvironment(document: Workflow['document'], job: WorkflowJob, step: WorkflowStep, contexts: Contexts): Record<string, string> {
  const merged = { ...document.env, ...job.env, ...step.env };
  return Object.fromEntries(Object.entries(merged).map(([name, value]) => [name, evaluate(String(value), contexts)]));
}

/** How the workflows call the CLI: the built bin from the checkout, one command standing alone on its line. */
export const CLI_CALL = /^node bin\/mesh-workshop\.js(?: |$)/;

/** Every line of a script that calls the CLI, with its line number; throws on a call written another way. */
export function cliLines(script: string): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  script.split('\n').forEach((raw, index) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    if (!/mesh-workshop(?:\.js)?\b/.test(text)) return;
    if (!CLI_CALL.test(text)) throw new Error(`line ${index + 1}: '${text}' calls the CLI in a way the checks do not read; write it as 'node bin/mesh-workshop.js …' on a line of its own`);
    if (/[|;&<>`\\]|\$\(/.test(text)) throw new Error(`line ${index + 1}: '${text}': a CLI call stands alone (no pipes, lists, redirections, substitutions or continuations), so its words can be read`);
    found.push({ line: index + 1, text });
  });
  return found;
}

/** A CLI line's arguments (after `node bin/mesh-workshop.js`) as bash expands them in the step's environment. */
export function expandedArgs(line: string, env: Record<string, string>): string[] {
  const words = line.replace(CLI_CALL, '');
  if (words.trim() === '') return [];
  const result = spawnSync('bash', ['-c', `set -eu; printf '%s\\0' ${words}`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  if (result.status !== 0) throw new Error(`bash could not expand '${line}': ${result.stderr.trim()}`);
  return result.stdout.split('\0').slice(0, -1);
}
