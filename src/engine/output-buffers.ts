/** Bounded memory for output on screen and in reports: the last lines. (What checks keep: kept-output.ts.) */
import { countNewlines } from '../checks/text.js';
import { cutLine } from './line-splitter.js';

export const DEFAULT_TAIL_LINES = 5000;
/** A line shown on a screen or in a report is cut here: a check may read a longer one (line-splitter.ts). */
export const SHOWN_LINE_LENGTH = 4096;

/** The lines in a batch (lines joined by newlines), counted from its end and only up to `atMost`: a flood's batch is not walked whole. */
function linesUpTo(batch: string, atMost: number): number {
  let count = 1;
  for (let at = batch.lastIndexOf('\n'); at >= 0 && count < atMost; at = at === 0 ? -1 : batch.lastIndexOf('\n', at - 1)) count++;
  return count;
}

/**
 * The most recent lines. Batches (the lines of one chunk of output, joined by newlines) are kept whole and
 * split only when read; the oldest goes once the rest still hold `capacity` lines. A batch's lines are
 * counted from its end and only up to `capacity`, so a flood of short lines is not walked line by line;
 * `countAll` counts every line for `seen` (the screen says how many are no longer kept).
 */
export class OutputTail {
  private readonly batches: { text: string; lines: number }[] = [];
  private kept = 0;
  private total = 0;

  constructor(
    readonly capacity = DEFAULT_TAIL_LINES,
    private readonly countAll = false,
  ) {}

  push(batch: string): void {
    const lines = this.countAll ? countNewlines(batch) + 1 : linesUpTo(batch, this.capacity);
    this.batches.push({ text: batch, lines });
    this.kept += lines;
    this.total += lines;
    while (this.batches.length > 1 && this.kept - (this.batches[0]?.lines ?? 0) >= this.capacity) {
      this.kept -= this.batches.shift()?.lines ?? 0;
    }
  }

  /** Lines seen in all, including those no longer kept (exact with `countAll`). */
  get seen(): number {
    return this.total;
  }

  toArray(): string[] {
    if (this.batches.length === 0) return [];
    const lines = this.batches.map((batch) => batch.text).join('\n').split('\n');
    return lines.slice(-this.capacity).map((line) => cutLine(line, SHOWN_LINE_LENGTH));
  }
}
