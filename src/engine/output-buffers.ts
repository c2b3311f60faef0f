/** Bounded memory for output on screen: the last lines. (What checks keep: kept-output.ts.) */

export const DEFAULT_TAIL_LINES = 5000;

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
