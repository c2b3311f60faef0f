/** How command output is compared: without colours or carriage returns, trailing blanks trimmed per line. */
import { hasTerminalControls, plainText } from '../terminal-text.js';

/** Checks compare what a person reads, not how it was painted: no escape sequence, no invisible control. */
export function stripAnsi(text: string): string {
  return plainText(text);
}

/** Output as checks see it: no escapes, no CR, no trailing blanks on lines, no trailing blank lines. */
export function normaliseOutput(text: string): string {
  return stripAnsi(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

export function outputLines(text: string): string[] {
  const normalised = normaliseOutput(text);
  return normalised === '' ? [] : normalised.split('\n');
}

/**
 * The last lines of a text, for showing what a command printed without flooding a report. A long output
 * is not rebuilt line by line for a few lines at its end: only the end is normalised, and the lines before
 * it are counted. That is exact when the part before holds no control character (no escape, no carriage
 * return: nothing normalising would change there); otherwise the whole text is normalised.
 */
export function tailLines(text: string, count: number): string {
  const { lines, earlier } = lastLines(text, count);
  if (earlier === 0) return lines.join('\n');
  return [`… ${earlier} earlier lines`, ...lines].join('\n');
}

function lastLines(text: string, count: number): { lines: string[]; earlier: number } {
  for (let wanted = count + 2; ; wanted *= 2) {
    const cut = startOfLastLines(text, wanted);
    const before = text.slice(0, cut);
    if (cut === 0 || hasTerminalControls(before)) break;
    const end = outputLines(text.slice(cut));
    // Blank lines at the very end are dropped; with too few lines left, look further back.
    if (end.length > count) return { lines: end.slice(-count), earlier: countNewlines(before) + end.length - count };
  }
  const lines = outputLines(text);
  return { lines: lines.slice(-count), earlier: Math.max(0, lines.length - count) };
}

/** Where the last `wanted` lines start (just after a newline), or 0 when the text has no more. */
export function startOfLastLines(text: string, wanted: number): number {
  let at = text.length;
  for (let found = 0; found < wanted; found++) {
    at = at === 0 ? -1 : text.lastIndexOf('\n', at - 1);
    if (at < 0) return 0;
  }
  return at + 1;
}

/** How many newlines a text holds (forward: V8's indexOf is much faster than lastIndexOf on short lines). */
export function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
