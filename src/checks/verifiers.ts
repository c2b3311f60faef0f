/**
 * Output comparisons, after istio.io's doc-test verifiers (tests/util/verify.sh): same, contains, elided,
 * like and lines. Each returns whether it passed and, when not, where the first difference is.
 */
import { normaliseOutput, outputLines } from './text.js';

export interface Comparison {
  passed: boolean;
  /** Where it went wrong, in words, when it did. */
  detail?: string;
}

const ok: Comparison = { passed: true };

export function compareEquals(output: string, expected: string): Comparison {
  const actual = normaliseOutput(output);
  const wanted = normaliseOutput(expected);
  if (actual === wanted) return ok;
  const actualLines = actual.split('\n');
  const wantedLines = wanted.split('\n');
  const line = firstDifferentLine(actualLines, wantedLines);
  return {
    passed: false,
    detail: `line ${line + 1} differs: expected ${quote(wantedLines[line])}, got ${quote(actualLines[line])}`,
  };
}

function firstDifferentLine(a: string[], b: string[]): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index;
}

function quote(line: string | undefined): string {
  return line === undefined ? 'end of output' : JSON.stringify(line);
}

/**
 * Expected lines in order, where a line `...` stands for one or more lines of any content.
 * Lines are compared whole (after trimming trailing blanks).
 */
export function compareElided(output: string, expected: string): Comparison {
  const actual = outputLines(output);
  const wanted = outputLines(expected);
  // matched[i][j]: wanted[i..] matches actual[j..]; filled from the end.
  const rows = wanted.length + 1;
  const cols = actual.length + 1;
  const matched: boolean[][] = Array.from({ length: rows }, () => new Array<boolean>(cols).fill(false));
  (matched[wanted.length] as boolean[])[actual.length] = true;
  for (let i = wanted.length - 1; i >= 0; i--) {
    const row = matched[i] as boolean[];
    const next = matched[i + 1] as boolean[];
    for (let j = actual.length - 1; j >= 0; j--) {
      if (wanted[i]?.trim() === '...') row[j] = next[j + 1] === true || row[j + 1] === true;
      else row[j] = wanted[i] === actual[j] && next[j + 1] === true;
    }
  }
  if (matched[0]?.[0] === true) return ok;
  const missing = wanted.find((line) => line.trim() !== '...' && !actual.includes(line));
  return {
    passed: false,
    detail: missing !== undefined ? `expected line not found: ${JSON.stringify(missing)}` : 'the expected lines are there, but not in the expected order',
  };
}

const DURATION = /^(?:\d+[smhd])+$/;
const IPV4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d+))?$/;
const GENERATED_PREFIX = /^(?:[a-zA-Z0-9_]+-)+/;

/** Two words that differ only where generated values differ: ages, IPs, pod name suffixes, or an expected `...`. */
function wordsAlike(actual: string, expected: string): boolean {
  if (actual === expected || expected === '...') return true;
  if (DURATION.test(actual) && DURATION.test(expected)) return true;
  const actualIp = IPV4.exec(actual);
  const expectedIp = IPV4.exec(expected);
  // An address may change; a port is part of what is being taught, so it must match.
  if (actualIp && expectedIp) return actualIp[2] === expectedIp[2];
  const prefix = GENERATED_PREFIX.exec(actual)?.[0];
  return prefix !== undefined && expected.startsWith(prefix);
}

/** Same number of lines and of words per line; words equal or alike (see wordsAlike). */
export function compareLike(output: string, expected: string): Comparison {
  const actual = outputLines(output);
  const wanted = outputLines(expected);
  if (actual.length !== wanted.length) {
    return { passed: false, detail: `expected ${wanted.length} lines, got ${actual.length}` };
  }
  for (let index = 0; index < wanted.length; index++) {
    const actualWords = (actual[index] ?? '').trim().split(/\s+/).filter(Boolean);
    const wantedWords = (wanted[index] ?? '').trim().split(/\s+/).filter(Boolean);
    const sameCount = actualWords.length === wantedWords.length;
    if (!sameCount || wantedWords.some((word, i) => !wordsAlike(actualWords[i] ?? '', word))) {
      return {
        passed: false,
        detail: `line ${index + 1}: expected something like ${JSON.stringify(wanted[index])}, got ${JSON.stringify(actual[index])}`,
      };
    }
  }
  return ok;
}

/** Lines "+ text" must appear in the output and "- text" must not (as text anywhere in it). */
export function compareLines(output: string, spec: string | readonly string[]): Comparison {
  const actual = normaliseOutput(output);
  const rules = (typeof spec === 'string' ? spec.split('\n') : spec).map((line) => line.trimEnd()).filter(Boolean);
  for (const rule of rules) {
    const text = rule.slice(2);
    if (rule.startsWith('+ ') && !actual.includes(text)) return { passed: false, detail: `missing: ${JSON.stringify(text)}` };
    if (rule.startsWith('- ') && actual.includes(text)) return { passed: false, detail: `present but must not be: ${JSON.stringify(text)}` };
  }
  return ok;
}

/** Rules that are neither "+ text" nor "- text" (for the linter). */
export function malformedLineRules(spec: string | readonly string[]): string[] {
  return (typeof spec === 'string' ? spec.split('\n') : spec)
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !/^[+-] ./.test(line));
}
