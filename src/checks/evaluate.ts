/**
 * What a check means: a pure function from what a command printed (and its exit code) to a verdict with
 * expected, actual and an explanation. The engine runs commands and polls; lint and the tests run the same
 * function over each check's examples.
 */
import type { Check, OutputSource } from '../lesson/schema.js';
import { checkKind } from '../lesson/vocabulary.js';
import { compareElided, compareEquals, compareLike, compareLines, type Comparison } from './verifiers.js';
import { describeHistogram, histogramOf, sampleValues, type Histogram } from './distribution.js';
import { escapeRegExp, fillVars, MissingVariableError, type Vars } from './templating.js';
import { evaluateJsonPath, JsonPathError } from './jsonpath.js';
import { normaliseOutput, stripAnsi, tailLines } from './text.js';
import { piecesContain, piecesMatch } from './search-whole.js';

/** What a command left behind, as a check reads it. */
export interface Observed {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  all: string;
  /** null when the command was ended by a signal or a timeout. */
  exitCode: number | null;
  /**
   * True when the output was longer than the engine keeps in memory: each text above is then its beginning
   * and its end, with a line saying what was left out between them.
   */
  truncated?: boolean;
  /** The whole of a truncated source, in pieces, for the checks that search (read from the engine's spill). */
  whole?: Partial<Record<OutputSource, () => Iterable<string>>>;
}

export interface Verdict {
  passed: boolean;
  /** A short name for the check, e.g. `contains "Hello version"`. */
  label: string;
  expected: string;
  actual: string;
  /** Why it failed, in words, and what to do (the check's own `explain` first). */
  explanation?: string;
  histogram?: Histogram;
}

export function observedFromText(output: string, exitCode = 0): Observed {
  return { stdout: output, stderr: '', all: output, exitCode };
}

const ACTUAL_LINES = 30;

function sourceOf(check: Check): OutputSource {
  return check.from ?? ('jsonpath' in check ? 'stdout' : 'all');
}

export function checkLabel(check: Check): string {
  if (check.name) return check.name;
  // A JSONPath check is named by its path first: `equals "Running"` alone would not say of what.
  if ('jsonpath' in check) {
    const compared = check.equals !== undefined ? `equals ${quoted(check.equals)}` : check.matches !== undefined ? `matches /${check.matches}/` : check.contains !== undefined ? `contains ${quoted(check.contains)}` : 'has a value';
    return `jsonpath ${check.jsonpath} ${compared}`;
  }
  const kind = checkKind(check);
  const value = (check as Record<string, unknown>)[kind];
  if (kind === 'distribution' && 'distribution' in check) {
    const weights = Object.entries(check.distribution.expect).map(([k, w]) => `${k}=${w}`).join(' ');
    return `distribution ${weights} ±${check.distribution.tolerance}`;
  }
  if (typeof value === 'string') {
    const firstLine = value.split('\n')[0] ?? '';
    const shown = firstLine.length > 50 ? `${firstLine.slice(0, 49)}…` : firstLine;
    const more = value.includes('\n') ? ' …' : '';
    // As the author wrote it: a pattern between slashes, a text in quotes, nothing JSON-escaped.
    if (kind === 'matches') return `${kind} /${shown}/${'flags' in check && check.flags ? check.flags : ''}${more}`;
    return `${kind} ${quoted(shown)}${more}`;
  }
  return `${kind} ${typeof value === 'number' ? String(value) : quoted(String(value))}`;
}

/** A text in double quotes, or single ones when it holds a double quote. */
function quoted(text: string): string {
  return text.includes('"') ? `'${text}'` : `"${text}"`;
}

export function evaluateCheck(check: Check, observed: Observed, vars: Vars = {}): Verdict {
  const label = checkLabel(check);
  try {
    const verdict = judge(check, observed, vars);
    const readPart = observed.truncated === true && !(searchesWhole(check) && observed.whole?.[sourceOf(check)] !== undefined);
    const explanation = verdict.passed ? undefined : joinExplanations(verdict.explanation, check.explain, readPart);
    return { label, ...verdict, ...(explanation === undefined ? {} : { explanation }) };
  } catch (error) {
    if (error instanceof MissingVariableError) {
      return { label, passed: false, expected: label, actual: '(not evaluated)', explanation: error.message };
    }
    throw error;
  }
}

/** The checks that read a long output whole; the others read its beginning and end. */
export function searchesWhole(check: Check): boolean {
  return !('jsonpath' in check) && ('contains' in check || 'notContains' in check || 'matches' in check);
}

function joinExplanations(detail: string | undefined, authored: string | undefined, readPart: boolean): string | undefined {
  const parts = [detail, authored];
  if (readPart) parts.push('The output was longer than the part kept for checks: this check read its beginning and its end; the whole output is in the step log.');
  const text = parts.filter((part): part is string => Boolean(part)).join('\n');
  return text === '' ? undefined : text;
}

type Judgement = Omit<Verdict, 'label'>;

function fromComparison(comparison: Comparison, expected: string, output: string): Judgement {
  return {
    passed: comparison.passed,
    expected,
    actual: tailLines(output, ACTUAL_LINES),
    ...(comparison.detail === undefined ? {} : { explanation: comparison.detail }),
  };
}

function judge(check: Check, observed: Observed, vars: Vars): Judgement {
  // The output only when it failed: the engine makes a command's texts when read, and a flood's are megabytes.
  if ('exitCode' in check) return judgeExitCode(check.exitCode, observed.exitCode, () => observed.all);
  const output = observed[sourceOf(check)];
  // What a search reads: the whole output when the engine kept it on disk, else the text in memory.
  const pieces = (): Iterable<string> => observed.whole?.[sourceOf(check)]?.() ?? [output];
  if ('jsonpath' in check) return judgeJsonPath(check, output, vars);
  if ('contains' in check) {
    const wanted = fillVars(check.contains, vars);
    const found = piecesContain(pieces(), wanted);
    return fromComparison({ passed: found, ...(found ? {} : { detail: `the output does not contain ${JSON.stringify(wanted)}` }) }, wanted, output);
  }
  if ('notContains' in check) {
    const unwanted = fillVars(check.notContains, vars);
    const present = piecesContain(pieces(), unwanted);
    // As istio.io's _verify_not_contains: an empty output from a failed command proves nothing.
    const failedRun = observed.exitCode !== 0;
    const detail = present ? `the output contains ${JSON.stringify(unwanted)}` : failedRun ? `the command failed (exit code ${String(observed.exitCode)}), so its output proves nothing` : undefined;
    return fromComparison({ passed: detail === undefined, ...(detail ? { detail } : {}) }, `no ${JSON.stringify(unwanted)}`, output);
  }
  if ('equals' in check) {
    const wanted = fillVars(check.equals, vars);
    return fromComparison(compareEquals(output, wanted), normaliseOutput(wanted), output);
  }
  if ('matches' in check) {
    const pattern = new RegExp(fillVars(check.matches, vars, escapeRegExp), check.flags ?? '');
    const found = piecesMatch(pieces(), pattern);
    return fromComparison({ passed: found, ...(found ? {} : { detail: `no match for /${pattern.source}/${pattern.flags}` }) }, `/${pattern.source}/${pattern.flags}`, output);
  }
  if ('lines' in check) {
    const spec = typeof check.lines === 'string' ? fillVars(check.lines, vars) : check.lines.map((line) => fillVars(line, vars));
    return fromComparison(compareLines(output, spec), typeof spec === 'string' ? spec : spec.join('\n'), output);
  }
  if ('elided' in check) {
    const wanted = fillVars(check.elided, vars);
    return fromComparison(compareElided(output, wanted), normaliseOutput(wanted), output);
  }
  if ('like' in check) {
    const wanted = fillVars(check.like, vars);
    return fromComparison(compareLike(output, wanted), normaliseOutput(wanted), output);
  }
  return judgeDistribution(check, output, vars);
}

/** What bash's own exit codes mean, for a learner who sees only a number. */
export function exitCodeMeaning(code: number | null): string {
  if (code === 127) return ': a command was not found (is the tool installed and on your PATH?)';
  if (code === 126) return ': a command was found but could not be run (permissions?)';
  if (code !== null && code > 128 && code < 160) return `: a process was ended by signal ${code - 128}`;
  return '';
}

/** How many of the last output lines a failed exit-code check shows: the error is almost always there. */
const EXIT_CODE_LINES = 5;

function judgeExitCode(wanted: number | 'nonzero', actual: number | null, output: () => string): Judgement {
  const shown = actual === null ? 'none (the command was stopped)' : String(actual);
  const passed = actual !== null && (wanted === 'nonzero' ? actual !== 0 : actual === wanted);
  const expected = wanted === 'nonzero' ? 'a non-zero exit code' : `exit code ${wanted}`;
  // Only a failure shows the output's end: a passed step's (perhaps huge) output is not read again.
  const tail = passed ? '' : tailLines(output(), EXIT_CODE_LINES);
  const last = tail === '' ? '' : `, after:\n${tail}`;
  return {
    passed,
    expected,
    actual: `exit code ${shown}${last}`,
    ...(passed ? {} : { explanation: wanted === 'nonzero' ? 'the command succeeded, but this step expects it to fail' : `the command ended with exit code ${shown}${exitCodeMeaning(actual)}` }),
  };
}

function judgeJsonPath(check: Extract<Check, { jsonpath: string }>, output: string, vars: Vars): Judgement {
  const template = fillVars(check.jsonpath, vars);
  let data: unknown;
  try {
    data = JSON.parse(stripAnsi(output));
  } catch (error) {
    return { passed: false, expected: `JSON for ${template}`, actual: tailLines(output, ACTUAL_LINES), explanation: `the output is not JSON (${(error as Error).message}); add -o json to the command` };
  }
  let value: string;
  try {
    value = evaluateJsonPath(template, data);
  } catch (error) {
    if (error instanceof JsonPathError) return { passed: false, expected: template, actual: '(no value)', explanation: error.message };
    throw error;
  }
  if (check.equals !== undefined) {
    const wanted = fillVars(check.equals, vars);
    const passed = value.trim() === wanted.trim();
    return { passed, expected: `${template} = ${JSON.stringify(wanted)}`, actual: JSON.stringify(value), ...(passed ? {} : { explanation: `${template} is ${JSON.stringify(value)}` }) };
  }
  if (check.matches !== undefined) {
    const pattern = new RegExp(fillVars(check.matches, vars, escapeRegExp));
    const passed = pattern.test(value);
    return { passed, expected: `${template} matches /${pattern.source}/`, actual: JSON.stringify(value), ...(passed ? {} : { explanation: `${template} is ${JSON.stringify(value)}` }) };
  }
  if (check.contains !== undefined) {
    const wanted = fillVars(check.contains, vars);
    const passed = value.includes(wanted);
    return { passed, expected: `${template} contains ${JSON.stringify(wanted)}`, actual: JSON.stringify(value), ...(passed ? {} : { explanation: `${template} is ${JSON.stringify(value)}` }) };
  }
  const passed = value.trim() !== '';
  return { passed, expected: `${template} has a value`, actual: JSON.stringify(value), ...(passed ? {} : { explanation: `${template} printed nothing` }) };
}

function judgeDistribution(check: Extract<Check, { distribution: object }>, output: string, vars: Vars): Judgement {
  const spec = check.distribution;
  const extract = new RegExp(fillVars(spec.extract, vars, escapeRegExp));
  const minSamples = spec.minSamples ?? 10;
  const samples = sampleValues(stripAnsi(output), extract);
  const histogram = histogramOf(samples, { extract, expect: spec.expect, tolerance: spec.tolerance, minSamples });
  const expected = Object.entries(spec.expect).map(([value, weight]) => `${value} ${weight}`).join(' / ') + ` ± ${spec.tolerance}`;
  const actual = samples.length === 0 ? 'no samples' : describeHistogram(histogram);
  if (samples.length < minSamples) {
    return { passed: false, expected, actual, histogram, explanation: `only ${samples.length} answers matched /${extract.source}/; need at least ${minSamples}` };
  }
  const off = histogram.bars.filter((bar) => !bar.withinTolerance);
  const passed = off.length === 0;
  return {
    passed,
    expected,
    actual,
    histogram,
    ...(passed ? {} : { explanation: off.map((bar) => `${bar.value} got ${bar.percent.toFixed(0)}%, expected ${bar.expectedPercent.toFixed(0)}% ± ${spec.tolerance}`).join('; ') }),
  };
}
