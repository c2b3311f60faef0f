/** Bounded memory for output: the last lines for display, and a capped text for checks. */

export const DEFAULT_TAIL_LINES = 5000;
export const DEFAULT_CHECK_TEXT_LIMIT = 4 * 1024 * 1024;

/** A ring buffer of the most recent lines. */
export class OutputTail {
  private readonly lines: string[] = [];
  private start = 0;
  private total = 0;

  constructor(readonly capacity = DEFAULT_TAIL_LINES) {}

  push(lines: readonly string[]): void {
    for (const line of lines) {
      this.total++;
      if (this.lines.length < this.capacity) this.lines.push(line);
      else {
        this.lines[this.start] = line;
        this.start = (this.start + 1) % this.capacity;
      }
    }
  }

  /** Lines seen in all, including those no longer kept. */
  get seen(): number {
    return this.total;
  }

  toArray(): string[] {
    return [...this.lines.slice(this.start), ...this.lines.slice(0, this.start)];
  }
}

/** Text kept for checks, up to a limit; `truncated` says whether anything was left out. */
export class CheckText {
  private readonly parts: string[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit = DEFAULT_CHECK_TEXT_LIMIT) {}

  append(lines: readonly string[]): void {
    if (this.truncated) return;
    for (const line of lines) {
      if (this.size + line.length + 1 > this.limit) {
        this.truncated = true;
        return;
      }
      this.parts.push(line);
      this.size += line.length + 1;
    }
  }

  toString(): string {
    return this.parts.length === 0 ? '' : `${this.parts.join('\n')}\n`;
  }
}
