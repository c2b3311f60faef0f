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
    // Of a long batch only the last `capacity` lines can survive.
    this.total += Math.max(0, lines.length - this.capacity);
    for (const line of lines.length > this.capacity ? lines.slice(-this.capacity) : lines) {
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
