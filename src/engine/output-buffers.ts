/** Bounded memory for output: the last lines for display, and a capped text for checks. */

export const DEFAULT_TAIL_LINES = 5000;
export const DEFAULT_CHECK_TEXT_LIMIT = 4 * 1024 * 1024;

/**
 * The most recent lines. Lines arrive in batches (one per chunk of output); whole batches are kept and the
 * oldest dropped once the rest still hold `capacity` lines, so a flood costs O(1) per batch, not per line.
 */
export class OutputTail {
  private readonly batches: (readonly string[])[] = [];
  private kept = 0;
  private total = 0;

  constructor(readonly capacity = DEFAULT_TAIL_LINES) {}

  push(lines: readonly string[]): void {
    if (lines.length === 0) return;
    this.batches.push(lines);
    this.kept += lines.length;
    this.total += lines.length;
    while (this.batches.length > 1 && this.kept - (this.batches[0]?.length ?? 0) >= this.capacity) {
      this.kept -= this.batches.shift()?.length ?? 0;
    }
  }

  /** Lines seen in all, including those no longer kept. */
  get seen(): number {
    return this.total;
  }

  toArray(): string[] {
    return this.batches.flat().slice(-this.capacity);
  }
}

/** Text kept for checks, whole lines up to a limit; `truncated` says whether anything was left out. */
export class CheckText {
  private readonly parts: string[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit = DEFAULT_CHECK_TEXT_LIMIT) {}

  /** `text` is the lines joined, each with its newline, when the caller has it already. */
  append(lines: readonly string[], text?: string): void {
    if (this.truncated || lines.length === 0) return;
    text ??= `${lines.join('\n')}\n`;
    if (this.size + text.length <= this.limit) {
      this.parts.push(text);
      this.size += text.length;
      return;
    }
    // Keep the whole lines that still fit, then stop for good (no gaps).
    for (const line of lines) {
      if (this.size + line.length + 1 > this.limit) break;
      this.parts.push(`${line}\n`);
      this.size += line.length + 1;
    }
    this.truncated = true;
  }

  toString(): string {
    return this.parts.join('');
  }
}
