/** How command output is compared: without colours or carriage returns, trailing blanks trimmed per line. */
import { plainText } from '../terminal-text.js';

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

/** The last lines of a text, for showing what a command printed without flooding a report. */
export function tailLines(text: string, count: number): string {
  const lines = outputLines(text);
  if (lines.length <= count) return lines.join('\n');
  return [`… ${lines.length - count} earlier lines`, ...lines.slice(-count)].join('\n');
}
